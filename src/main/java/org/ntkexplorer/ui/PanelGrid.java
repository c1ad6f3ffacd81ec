package org.ntkexplorer.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import org.ntkexplorer.ui.panels.DriftPanel;
import org.ntkexplorer.ui.panels.HeatmapPanel;
import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.ui.panels.RichnessPanel;
import org.ntkexplorer.ui.panels.ScalingPanel;
import org.ntkexplorer.ui.panels.SpectrumPanel;
import org.ntkexplorer.ui.panels.TrainingPanel;
import org.ntkexplorer.ui.panels.WidthPanel;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Study;

/**
 * The panels of one study, in split panes whose dividers can be dragged, the study's main panel largest. Panels that
 * mean nothing for the study are not shown. Any panel can be enlarged over the whole window ({@code host}) and
 * restored; Escape restores too.
 * <p>
 * Plots are never squashed below {@link LayoutReport#MIN_WIDTH}×{@link LayoutReport#MIN_HEIGHT}: each panel's
 * minimum size is that plot area plus what its axes, header and table take at the current text size (measured on
 * screen, since it grows with the text), a row whose panels do not fit side by side is reflowed into fewer panels per
 * row, and when the rows do not fit in the window's height the grid scrolls.
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
    /** What is on screen: the template, or the reflowed column of rows. */
    private Region outer;
    private LivePanel enlarged;
    private final ScrollPane scroller = new ScrollPane();
    private final PlotMinimums minimums = new PlotMinimums();
    /** The study's layout as its switch built it, and each of its split panes' items, to go back to. */
    private SplitPane template;
    private final Map<SplitPane, List<Node>> templateItems = new HashMap<>();
    /** The rows of the template, each reflowed into runs of this many panels; null while the template is shown. */
    private List<Integer> reflow;

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
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroller.setId("panel-scroll");
        Runnable pulse = this::afterPulse;
        sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(pulse);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(pulse);
            }
        });
        getChildren().setAll(scroller);
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

    /** The panels under a layout: split panes' items, and the rows a reflow made of them. */
    private static void collect(Node node, List<Node> out) {
        if (node instanceof SplitPane s) {
            s.getItems().forEach(n -> collect(n, out));
        } else if (node instanceof LivePanel || node.getUserData() instanceof LivePanel) {
            out.add(node.getUserData() instanceof LivePanel p ? p : node);
        } else if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(n -> collect(n, out));
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
        SplitPane layout = StudyViews.of(s).layout(this);
        all.forEach(p -> p.setStudy(s));
        template = layout;
        outer = layout;
        templateItems.clear();
        for (SplitPane pane : splitPanes(template)) {
            templateItems.put(pane, List.copyOf(pane.getItems()));
        }
        reflow = null;
        restoreDividers(s);
        scroller.setContent(outer);
        scroller.setVvalue(0);
    }

    /** Whether the rows are reflowed into fewer panels per row than the study's layout has (tests). */
    public boolean reflowed() {
        return reflow != null;
    }

    /**
     * Runs after every layout pulse: the panels sit in a scroll pane, whose content is laid out on its own, so a
     * panel whose claim line or text grew would not reach this grid's layout.
     */
    private void afterPulse() {
        if (enlarged != null || template == null || getScene() == null) {
            return;
        }
        boolean changed = minimums.update(shown(), getScene().getRoot().getStyle() + getScene().getStylesheets()
                + Math.round(scroller.getWidth()) + study);
        changed |= replan();
        for (SplitPane pane : splitPanes(outer)) {
            changed |= PlotMinimums.keepMinimums(pane);
        }
        if (changed) {
            for (javafx.scene.Parent n = outer; n != null && n != this; n = n.getParent()) {
                n.requestLayout();
            }
            for (SplitPane pane : splitPanes(outer)) {
                pane.requestLayout();
            }
            requestLayout();
        }
    }

    /** The template's rows: the items of each horizontal split (or single panels) from top to bottom. */
    private List<List<Node>> rows() {
        List<List<Node>> rows = new java.util.ArrayList<>();
        List<Node> items = templateItems.get(template);
        if (template.getOrientation() == Orientation.HORIZONTAL) {
            rows.add(items);
            return rows;
        }
        for (Node n : items) {
            rows.add(n instanceof SplitPane s ? templateItems.get(s) : List.of(n));
        }
        return rows;
    }

    /** Puts the panels in the template, or in fewer per row when they do not fit, if that changed. */
    private boolean replan() {
        double width = scroller.getViewportBounds().getWidth();
        if (width <= 0) {
            return false;
        }
        List<Integer> plan = PlotMinimums.plan(rows(), width);
        if (java.util.Objects.equals(plan, reflow)) {
            return false;
        }
        if (reflow == null) {
            rememberDividers();
        }
        reflow = plan;
        if (plan == null) {
            templateItems.forEach((pane, items) -> pane.getItems().setAll(items));
            outer = template;
            restoreDividers(study);
        } else {
            // A column of rows, each at least as tall as its panels' minimum; the scroll pane scrolls it.
            javafx.scene.layout.VBox column = new javafx.scene.layout.VBox(4);
            List<List<Node>> rows = rows();
            for (SplitPane pane : templateItems.keySet()) {
                pane.getItems().clear();
            }
            for (int r = 0; r < rows.size(); r++) {
                List<Node> row = rows.get(r);
                int perRun = plan.get(r);
                for (int i = 0; i < row.size(); i += perRun) {
                    List<Node> run = row.subList(i, Math.min(row.size(), i + perRun));
                    Node item = run.size() == 1 ? run.get(0) : evenly(run);
                    javafx.scene.layout.VBox.setVgrow(item, javafx.scene.layout.Priority.ALWAYS);
                    column.getChildren().add(item);
                }
            }
            outer = column;
        }
        scroller.setContent(outer);
        return true;
    }

    private static SplitPane evenly(List<Node> run) {
        SplitPane p = new SplitPane(run.toArray(Node[]::new));
        double[] at = new double[run.size() - 1];
        for (int i = 0; i < at.length; i++) {
            at[i] = (i + 1) / (double) run.size();
        }
        p.setDividerPositions(at);
        return p;
    }

    /** Panes side by side ({@code o} horizontal) or stacked, dividers at {@code positions}: what views lay out with. */
    public static SplitPane split(Orientation o, double[] positions, Node... items) {
        SplitPane p = new SplitPane(items);
        p.setOrientation(o);
        p.setDividerPositions(positions);
        return p;
    }

    private void rememberDividers() {
        if (outer != null && outer == template) {
            List<SplitPane> panes = splitPanes(template);
            double[][] d = new double[panes.size()][];
            for (int i = 0; i < d.length; i++) {
                d[i] = panes.get(i).getDividerPositions();
            }
            dividers.put(study, d);
        }
    }

    /** The split panes in a layout: the node itself if it is one, and those among its items, at any depth. */
    private static List<SplitPane> splitPanes(Node root) {
        List<SplitPane> out = new java.util.ArrayList<>();
        if (root instanceof SplitPane s) {
            out.add(s);
        }
        for (Node n : itemsOf(root)) {
            if (n instanceof SplitPane || n instanceof javafx.scene.layout.VBox) {
                out.addAll(splitPanes(n));
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
        placeholder.setMinSize(p.getMinWidth(), p.getMinHeight());
        javafx.scene.layout.VBox.setVgrow(placeholder, javafx.scene.layout.VBox.getVgrow(p));
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
        if (saved != null && outer == template) {
            List<SplitPane> panes = splitPanes(template);
            for (int i = 0; i < panes.size() && i < saved.length; i++) {
                panes.get(i).setDividerPositions(saved[i]);
            }
        }
    }

    private static List<Node> itemsOf(Node n) {
        return n instanceof SplitPane s ? s.getItems()
                : n instanceof javafx.scene.layout.Pane p ? p.getChildren() : List.of();
    }

    private static boolean replace(Node parent, Node what, Node with) {
        List<Node> items = itemsOf(parent);
        int i = items.indexOf(what);
        if (i >= 0) {
            items.set(i, with);
            return true;
        }
        for (Node n : List.copyOf(items)) {
            if (n instanceof SplitPane && replace(n, what, with)) {
                return true;
            }
        }
        return false;
    }

    private static void replacePlaceholder(Node parent, LivePanel p) {
        List<Node> items = itemsOf(parent);
        for (int i = 0; i < items.size(); i++) {
            Node n = items.get(i);
            if (n.getUserData() == p) {
                // The placeholder's place in a column of rows kept its growth, the panel takes it over.
                javafx.scene.layout.VBox.setVgrow(p, javafx.scene.layout.VBox.getVgrow(n));
                items.set(i, p);
                return;
            }
            if (n instanceof SplitPane) {
                replacePlaceholder(n, p);
            }
        }
    }
}
