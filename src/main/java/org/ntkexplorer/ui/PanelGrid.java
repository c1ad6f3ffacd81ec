package org.ntkexplorer.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.Study;
import org.ntkexplorer.ui.panels.DriftPanel;
import org.ntkexplorer.ui.panels.HeatmapPanel;
import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.ui.panels.RichnessPanel;
import org.ntkexplorer.ui.panels.ScalingPanel;
import org.ntkexplorer.ui.panels.SpectrumPanel;
import org.ntkexplorer.ui.panels.TrainingPanel;
import org.ntkexplorer.ui.panels.WidthPanel;

/**
 * The panels of one study, in split panes whose dividers can be dragged, the study's main panel largest. Panels that
 * mean nothing for the study are not shown. Any panel can be enlarged over the whole window ({@code host}) and
 * restored; Escape restores too.
 */
public final class PanelGrid extends StackPane {
    final SpectrumPanel spectrum = new SpectrumPanel();
    final DriftPanel drift = new DriftPanel();
    final ScalingPanel scaling = new ScalingPanel();
    final TrainingPanel training = new TrainingPanel();
    final HeatmapPanel heatmap = new HeatmapPanel();
    final WidthPanel width = new WidthPanel();
    final RichnessPanel richness = new RichnessPanel();
    private final List<LivePanel> all = List.of(scaling, width, richness, drift, spectrum, heatmap, training);
    private final StackPane host;
    private final Map<Study, double[][]> dividers = new HashMap<>();
    private Study study = Study.SCALING;
    private SplitPane outer;
    private LivePanel enlarged;

    /** @param host the pane an enlarged panel covers: the whole window below the menus */
    public PanelGrid(StackPane host) {
        this.host = host;
        for (LivePanel p : all) {
            p.setOnToggleEnlarge(() -> toggle(p));
        }
        host.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && enlarged != null) {
                restore();
                e.consume();
            }
        });
        showStudy(Study.SCALING);
    }

    public List<LivePanel> panels() {
        return all;
    }

    /** The panels on screen for the current study. */
    public List<LivePanel> shown() {
        return all.stream().filter(p -> p.shows(study)).toList();
    }

    public Study study() {
        return study;
    }

    public void accept(List<ExperimentEvent> batch) {
        for (LivePanel p : all) {
            p.accept(batch);
        }
    }

    public void clear() {
        all.forEach(LivePanel::clear);
    }

    /** Lays out the study's panels; the dividers are where they were the last time this study was shown. */
    public void showStudy(Study s) {
        restore();
        rememberDividers();
        study = s;
        all.forEach(p -> p.setStudy(s));
        outer = switch (s) {
            case SCALING, PRETRAINED -> split(Orientation.VERTICAL, new double[] {0.54},
                    split(Orientation.HORIZONTAL, new double[] {0.64}, scaling, training),
                    split(Orientation.HORIZONTAL, new double[] {0.34, 0.67}, drift, spectrum, heatmap));
            case DYNAMICS -> split(Orientation.VERTICAL, new double[] {0.52},
                    split(Orientation.HORIZONTAL, new double[] {0.55}, drift, spectrum),
                    split(Orientation.HORIZONTAL, new double[] {0.45}, heatmap, training));
            case WIDTH_SWEEP -> split(Orientation.HORIZONTAL, new double[] {0.62}, width, training);
            case RICHNESS -> split(Orientation.VERTICAL, new double[] {0.62}, richness, training);
        };
        restoreDividers(s);
        getChildren().setAll(outer);
    }

    private static SplitPane split(Orientation o, double[] positions, Node... items) {
        SplitPane p = new SplitPane(items);
        p.setOrientation(o);
        p.setDividerPositions(positions);
        for (Node n : items) {
            if (n instanceof Region r) {
                r.setMinSize(0, 0);
            }
        }
        return p;
    }

    private void rememberDividers() {
        if (outer != null) {
            List<SplitPane> panes = splitPanes(outer);
            double[][] d = new double[panes.size()][];
            for (int i = 0; i < d.length; i++) {
                d[i] = panes.get(i).getDividerPositions();
            }
            dividers.put(study, d);
        }
    }

    private static List<SplitPane> splitPanes(SplitPane root) {
        List<SplitPane> out = new java.util.ArrayList<>(List.of(root));
        for (Node n : root.getItems()) {
            if (n instanceof SplitPane s) {
                out.addAll(splitPanes(s));
            }
        }
        return out;
    }

    public LivePanel enlargedPanel() {
        return enlarged;
    }

    private void toggle(LivePanel p) {
        if (enlarged == p) {
            restore();
        } else {
            enlarge(p);
        }
    }

    /** Shows one panel over the whole window; the layout behind it keeps its place. */
    public void enlarge(LivePanel p) {
        restore();
        rememberDividers();
        enlarged = p;
        Region placeholder = new Region();
        placeholder.setUserData(p);
        replace(outer, p, placeholder);
        p.setEnlarged(true);
        host.getChildren().add(p);
        p.requestFocus();
    }

    public void restore() {
        if (enlarged == null) {
            return;
        }
        LivePanel p = enlarged;
        enlarged = null;
        host.getChildren().remove(p);
        p.setEnlarged(false);
        replacePlaceholder(outer, p);
        restoreDividers(study);
    }

    /** Puts back the divider positions the user left for this study's layout. */
    private void restoreDividers(Study s) {
        double[][] saved = dividers.get(s);
        if (saved != null) {
            List<SplitPane> panes = splitPanes(outer);
            for (int i = 0; i < panes.size() && i < saved.length; i++) {
                panes.get(i).setDividerPositions(saved[i]);
            }
        }
    }

    private static boolean replace(SplitPane s, Node what, Node with) {
        int i = s.getItems().indexOf(what);
        if (i >= 0) {
            s.getItems().set(i, with);
            return true;
        }
        for (Node n : s.getItems()) {
            if (n instanceof SplitPane inner && replace(inner, what, with)) {
                return true;
            }
        }
        return false;
    }

    private static void replacePlaceholder(SplitPane s, LivePanel p) {
        for (int i = 0; i < s.getItems().size(); i++) {
            Node n = s.getItems().get(i);
            if (n.getUserData() == p) {
                s.getItems().set(i, p);
                return;
            }
            if (n instanceof SplitPane inner) {
                replacePlaceholder(inner, p);
            }
        }
    }
}
