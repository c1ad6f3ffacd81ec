package org.ntkexplorer.ui;

import java.util.List;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

import org.ntkexplorer.ui.panels.LivePanel;

/**
 * The layout mechanics that keep {@link PanelGrid}'s plots readable: each panel's minimum size (its smallest readable
 * plot plus what surrounds it on screen), how many panels of a row fit side by side, and split-pane dividers moved so
 * that no item is squashed below its minimum.
 */
final class PlotMinimums {
    private String key = "";

    /**
     * Each panel's minimum: the smallest readable plot plus everything else the panel shows around it now (axes,
     * ticks, header, caption, the α table, the claim line), measured from the panel and its plot on screen.
     */
    boolean update(List<LivePanel> shown, String configKey) {
        boolean changed = false;
        // Within one text size, window width and study the minimums only grow: a legend that moves above the plot,
        // or a claim line that wraps once more, cannot then make the layout swing back and forth.
        boolean growOnly = configKey.equals(key);
        key = configKey;
        for (LivePanel p : shown) {
            Canvas c = LayoutReport.plotCanvas(p);
            if (c == null || p.getWidth() <= 0 || p.getHeight() <= 0 || c.getWidth() <= 0 || c.getHeight() <= 0) {
                continue;
            }
            double w = Math.ceil(LayoutReport.MIN_WIDTH + p.getWidth() - c.getWidth()) + 2;
            double h = Math.ceil(LayoutReport.MIN_HEIGHT + p.getHeight() - c.getHeight()) + 2;
            if (Boolean.getBoolean("ntk.debugLayout")) {
                System.err.printf("%s panel %.0fx%.0f canvas %.0fx%.0f min %.0fx%.0f -> %.0fx%.0f%n", p.title(), p.getWidth(),
                        p.getHeight(), c.getWidth(), c.getHeight(), p.getMinWidth(), p.getMinHeight(), w, h);
            }
            // A few px of slack, so that a measurement that wobbles with the tick labels does not relayout forever.
            if (p.getMinWidth() < w || !growOnly && Math.abs(p.getMinWidth() - w) > 3) {
                p.setMinWidth(w);
                changed = true;
            }
            if (p.getMinHeight() < h || !growOnly && Math.abs(p.getMinHeight() - h) > 3) {
                p.setMinHeight(h);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Moves a split pane's dividers so that each item gets at least its minimum: the split pane itself enforces that
     * only when it is resized, not when an item's minimum grows with its text or a claim line.
     */
    static boolean keepMinimums(SplitPane pane) {
        boolean vertical = pane.getOrientation() == Orientation.VERTICAL;
        double size = vertical ? pane.getHeight() : pane.getWidth();
        List<Node> items = pane.getItems();
        int n = items.size();
        if (n < 2 || size <= 0) {
            return false;
        }
        double gap = 8;
        double[] min = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            min[i] = items.get(i) instanceof Region r ? Math.max(0, vertical ? r.minHeight(-1) : r.minWidth(-1)) : 0;
            total += min[i] + gap;
        }
        if (total > size) {
            return false;
        }
        double[] at = pane.getDividerPositions().clone();
        double[] was = at.clone();
        for (int i = 0; i < n - 1; i++) {
            double lo = (i == 0 ? 0 : at[i - 1]) + (min[i] + gap) / size;
            at[i] = Math.max(at[i], lo);
        }
        for (int i = n - 2; i >= 0; i--) {
            double hi = (i == n - 2 ? 1 : at[i + 1]) - (min[i + 1] + gap) / size;
            at[i] = Math.min(at[i], hi);
        }
        for (int i = 0; i < n - 1; i++) {
            if (Math.abs(at[i] - was[i]) * size > 1) {
                pane.setDividerPositions(at);
                return true;
            }
        }
        return false;
    }

    private static double minWidth(Node n) {
        return n instanceof Region r ? Math.max(0, r.getMinWidth()) : 0;
    }

    /** Panels per run for each row at this width: as many as fit side by side at their minimum widths. */
    static List<Integer> plan(List<List<Node>> rows, double width) {
        List<Integer> plan = new java.util.ArrayList<>();
        boolean all = true;
        for (List<Node> row : rows) {
            double sum = 0;
            for (Node n : row) {
                sum += minWidth(n) + 8;
            }
            if (sum <= width) {
                plan.add(row.size());
                continue;
            }
            all = false;
            int perRun = row.size();
            while (perRun > 1 && !fits(row, perRun, width)) {
                perRun--;
            }
            plan.add(perRun);
        }
        return all ? null : plan;
    }

    private static boolean fits(List<Node> row, int perRun, double width) {
        for (int i = 0; i < row.size(); i += perRun) {
            double sum = 0;
            for (Node n : row.subList(i, Math.min(row.size(), i + perRun))) {
                sum += minWidth(n) + 8;
            }
            if (sum > width) {
                return false;
            }
        }
        return true;
    }
}
