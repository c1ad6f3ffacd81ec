package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;

import javafx.scene.text.Text;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.AbstractAxis;
import io.fair_acc.chartfx.axes.spi.AbstractAxisParameter;
import io.fair_acc.chartfx.axes.spi.TickMark;

import org.ntkexplorer.ui.panels.ChartBox;
import org.ntkexplorer.ui.panels.LivePanel;

/**
 * The plot area of each panel on screen, measured the way the projector tests measure it: the chart's canvas (the
 * heatmap's drawing canvas), whose size excludes axes, ticks and titles. {@code --smoke-layout=FILE} writes it as
 * JSON, so a layout can be checked at any window size and text scale without the test suite.
 */
public final class LayoutReport {
    /** The smallest plot area the README promises every panel at 1280×720, text scale up to 1.5. */
    public static final double MIN_WIDTH = 300;
    public static final double MIN_HEIGHT = 180;

    /** One panel's plot area, in px. */
    public record Plot(String id, String title, double width, double height) {
        public boolean readable() {
            return width >= MIN_WIDTH && height >= MIN_HEIGHT;
        }
    }

    private LayoutReport() {
    }

    /** The plot area of a panel: its chart's canvas, or the heatmap's canvas; null when it has neither. */
    public static Canvas plotCanvas(LivePanel p) {
        // The smallest of the charts on screen (the lazy–rich dial has two side by side).
        Canvas smallest = null;
        for (javafx.scene.Node n : p.lookupAll(".chart")) {
            if (n instanceof XYChart chart && chart.getScene() != null && chart.isVisible()) {
                Canvas c = chart.getCanvas();
                if (smallest == null || c.getWidth() * c.getHeight() < smallest.getWidth() * smallest.getHeight()) {
                    smallest = c;
                }
            }
        }
        return smallest != null ? smallest : (Canvas) p.lookup("Canvas");
    }

    /**
     * The axis titles of a panel's chart that are longer than their axis, and so drawn cut ("ovement, alignme"), each
     * with the width it needs and the axis length it has.
     */
    public static List<String> clippedAxisTitles(LivePanel p) {
        List<String> out = new java.util.ArrayList<>();
        for (Axis a : p.lookupAll(".chart").stream().filter(n -> n instanceof XYChart c && c.getScene() != null
                && c.isVisible()).flatMap(n -> ((XYChart) n).getAxes().stream()).toList()) {
            if (a instanceof AbstractAxisParameter ap && ap.getAxisLabel().getText() != null
                    && !ap.getAxisLabel().getText().isBlank() && ap.getLength() > 0) {
                Text probe = new Text(ap.getAxisLabel().getText());
                probe.setFont(ap.getAxisLabel().getFont());
                double need = probe.getLayoutBounds().getWidth();
                if (need > ap.getLength()) {
                    out.add(String.format(Locale.ROOT, "%s: \"%s\" needs %.0f px, axis %.0f px", p.title(),
                            probe.getText(), need, ap.getLength()));
                }
            }
        }
        return out;
    }

    /**
     * The tick labels of a panel's charts that are cut or drawn over each other. A label is cut when its box reaches
     * past the panel's edge (where the panel's container clips it) or past the chart's own axis area, where ChartFX
     * drops it rather than draw it part-way: that is how "512" went missing at the end of the x axis at text 1.5. Two
     * neighbouring labels of one axis that are both drawn must not overlap. A label's box is its text's size in the
     * axis's tick font, centred on its tick along the axis, as ChartFX places it; labels ChartFX skips to avoid an
     * overlap in the middle of an axis are not counted.
     */
    public static List<String> clippedTickLabels(LivePanel p) {
        List<String> out = new java.util.ArrayList<>();
        Bounds panel = p.localToScene(p.getLayoutBounds());
        for (javafx.scene.Node n : p.lookupAll(".chart")) {
            if (!(n instanceof XYChart chart) || chart.getScene() == null || !chart.isVisible()) {
                continue;
            }
            for (Axis a : chart.getAxes()) {
                if (!(a instanceof AbstractAxis ax) || !ax.getTickLabelStyle().isVisible() || ax.getLength() <= 0
                        || ax.getParent() == null) {
                    continue;
                }
                boolean horizontal = ax.getSide().isHorizontal();
                Bounds area = ax.getParent().localToScene(ax.getParent().getLayoutBounds());
                double lastEnd = Double.NEGATIVE_INFINITY;
                String lastText = null;
                List<TickMark> ticks = ax.getTickMarks().stream()
                        .sorted(java.util.Comparator.comparingDouble(TickMark::getPosition)).toList();
                for (TickMark t : ticks) {
                    if (t.getText() == null || t.getText().isBlank()) {
                        continue;
                    }
                    Text probe = new Text(t.getText());
                    probe.setFont(ax.getTickLabelStyle().getFont());
                    double len = Math.max(horizontal ? probe.getLayoutBounds().getWidth()
                            : probe.getLayoutBounds().getHeight(), horizontal ? t.getWidth() : t.getHeight());
                    double lo = t.getPosition() - len / 2;
                    Bounds box = horizontal ? ax.localToScene(new BoundingBox(lo, 0, len, 1))
                            : ax.localToScene(new BoundingBox(0, lo, 1, len));
                    double start = horizontal ? box.getMinX() : box.getMinY();
                    double end = horizontal ? box.getMaxX() : box.getMaxY();
                    double min = Math.max(horizontal ? panel.getMinX() : panel.getMinY(),
                            horizontal ? area.getMinX() : area.getMinY());
                    double max = Math.min(horizontal ? panel.getMaxX() : panel.getMaxY(),
                            horizontal ? area.getMaxX() : area.getMaxY());
                    // ChartFX drops an end label that would touch the edge, so one hidden within a pixel of it is cut too.
                    boolean cut = start < min || end > max || !t.isVisible() && (start < min + 1 || end > max - 1);
                    if (cut) {
                        out.add(String.format(Locale.ROOT, "%s: tick label \"%s\" cut at the edge (needs %.0f px, "
                                + "has %.0f)", p.title(), t.getText(), len, len - Math.max(0, Math.max(min - start,
                                end - max))));
                        continue;
                    }
                    if (!t.isVisible()) {
                        continue;
                    }
                    if (start < lastEnd - 0.5) {
                        out.add(String.format(Locale.ROOT, "%s: tick labels \"%s\" and \"%s\" overlap", p.title(),
                                lastText, t.getText()));
                    }
                    lastEnd = end;
                    lastText = t.getText();
                }
            }
        }
        return out;
    }

    /**
     * The texts drawn shortened ("stand…", "mom…") among the shown labels, buttons, choice and combo boxes under a
     * node: JavaFX elides a label that is narrower than its text, so the text its skin draws differs from its own.
     * Wrapping labels are not counted (they grow instead).
     */
    public static List<String> elidedTexts(javafx.scene.Parent root) {
        List<String> out = new java.util.ArrayList<>();
        collectElided(root, out);
        return out;
    }

    private static void collectElided(javafx.scene.Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof javafx.scene.control.Labeled l && !l.isWrapText() && l.getText() != null
                && !l.getText().isBlank()) {
            for (javafx.scene.Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && t.isVisible() && !l.getText().equals(t.getText())) {
                    out.add("\"" + l.getText() + "\" shown as \"" + t.getText() + "\"");
                }
            }
        }
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                collectElided(c, out);
            }
        }
    }

    /** Drawn points and line samples under the legends of a panel's charts: 0 when no legend covers data. */
    public static int pointsUnderLegends(LivePanel p) {
        return p.lookupAll(".chart-box").stream().filter(n -> n instanceof ChartBox b && b.isVisible()
                && b.getScene() != null).mapToInt(n -> ((ChartBox) n).pointsUnderLegend()).sum();
    }

    public static Plot measure(LivePanel p) {
        Canvas c = plotCanvas(p);
        return new Plot(p.getId(), p.title(), c == null ? 0 : c.getWidth(), c == null ? 0 : c.getHeight());
    }

    public static List<Plot> measure(List<LivePanel> panels) {
        return panels.stream().map(LayoutReport::measure).toList();
    }

    /**
     * {"window": [w, h], "textScale": f, "formShown": b, "panels": [{"id", "title", "plotWidth", "plotHeight",
     * "readable", "clippedAxisTitles", "clippedTickLabels", "pointsUnderLegend", "problems"}], "elidedFormTexts",
     * "topLineWholeOrInTooltip"}: what the projector tests check.
     */
    static String json(MainWindow w) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\n  \"window\": [%.0f, %.0f],\n  \"textScale\": %.2f,\n"
                + "  \"formShown\": %s,\n  \"panels\": [", w.stage().getScene().getWidth(),
                w.stage().getScene().getHeight(), w.textScale().factorProperty().get(), w.formShown()));
        List<Plot> plots = measure(w.grid().shown());
        for (int i = 0; i < plots.size(); i++) {
            Plot p = plots.get(i);
            LivePanel panel = w.grid().shown().get(i);
            List<String> titles = clippedAxisTitles(panel);
            List<String> ticks = clippedTickLabels(panel);
            List<String> all = new java.util.ArrayList<>(titles);
            all.addAll(ticks);
            if (panel instanceof org.ntkexplorer.ui.panels.HeatmapPanel h && h.classLabelsOverlap()) {
                all.add(panel.title() + ": class labels overlap");
            }
            if (panel instanceof org.ntkexplorer.ui.panels.ScalingPanel sp && sp.alphaTable().getScene() != null
                    && sp.alphaTable().isVisible() && !sp.alphaTable().cellsFit()) {
                all.add(panel.title() + ": α table cells elided");
            }
            b.append(String.format(Locale.ROOT, "%s\n    {\"id\": \"%s\", \"title\": \"%s\", \"plotWidth\": %.0f, "
                    + "\"plotHeight\": %.0f, \"readable\": %s, \"clippedAxisTitles\": %d, "
                    + "\"clippedTickLabels\": %d, \"pointsUnderLegend\": %d, \"problems\": [%s]}", i == 0 ? "" : ",",
                    p.id(), p.title(), p.width(), p.height(), p.readable(), titles.size(), ticks.size(),
                    pointsUnderLegends(panel), String.join(", ", all.stream().map(LayoutReport::quoted).toList())));
        }
        // The form's labels and choices, and the top line, which must be whole or whole in its tooltip.
        List<String> form = w.formShown() ? elidedTexts(w.formView()) : List.of();
        javafx.scene.Node line = w.stage().getScene().lookup("#banner-text");
        boolean lineWhole = line instanceof javafx.scene.control.Label l && (elidedTexts(l).isEmpty()
                || l.getTooltip() != null && l.getText().equals(l.getTooltip().getText()));
        return b.append(String.format(Locale.ROOT, "\n  ],\n  \"elidedFormTexts\": [%s],\n  \"topLineWholeOrInTooltip\": "
                + "%s\n}\n", String.join(", ", form.stream().map(LayoutReport::quoted).toList()), lineWhole)).toString();
    }

    /** A JSON string. */
    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void write(MainWindow w, Path file) throws IOException {
        Files.writeString(file, json(w), StandardCharsets.UTF_8);
    }
}
