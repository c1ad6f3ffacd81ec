package org.ntkexplorer.ui;

import java.util.ArrayList;
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
    private final List<LivePanel> all = new ArrayList<>(List.of(scaling, width, richness, drift, spectrum, heatmap,
            training));
    private final Map<String, LivePanel> own = new HashMap<>();
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
        return List.copyOf(all);
    }

    /** The panels on screen for the current study: those its view laid out (one enlarged counts as shown). */
    public List<LivePanel> shown() {
        List<Node> laid = new ArrayList<>();
        collect(outer, laid);
        return all.stream().filter(p -> laid.contains(p)).toList();
    }

    private static void collect(SplitPane s, List<Node> out) {
        for (Node n : s.getItems()) {
            if (n instanceof SplitPane inner) {
                collect(inner, out);
            } else {
                out.add(n.getUserData() instanceof LivePanel p ? p : n);
            }
        }
    }

    /**
     * A panel of a study view's own ({@link StudyView#layout}), made the first time it is asked for and kept for the
     * window's life; it takes the run's events like the others.
     */
    public LivePanel own(String id, java.util.function.Supplier<? extends LivePanel> make) {
        return own.computeIfAbsent(id, k -> {
            LivePanel p = make.get();
            p.setOnToggleEnlarge(() -> toggle(p));
            all.add(p);
            return p;
        });
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
        // The shared panels' defaults; the view sets what differs in its study, then every panel learns the study.
        scaling.explainPretrainedClaim(false);
        drift.showPerSize(false);
        outer = StudyViews.of(s).layout(this);
        all.forEach(p -> p.setStudy(s));
        restoreDividers(s);
        getChildren().setAll(outer);
    }

    /** Panes side by side ({@code o} horizontal) or stacked, dividers at {@code positions}: what views lay out with. */
    public static SplitPane split(Orientation o, double[] positions, Node... items) {
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
