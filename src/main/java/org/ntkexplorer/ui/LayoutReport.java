package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.scene.canvas.Canvas;

import javafx.scene.text.Text;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.AbstractAxisParameter;

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

    /** {"window": [w, h], "textScale": f, "formShown": b, "panels": [{"id", "title", "plotWidth", "plotHeight"}]}. */
    static String json(MainWindow w) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\n  \"window\": [%.0f, %.0f],\n  \"textScale\": %.2f,\n"
                + "  \"formShown\": %s,\n  \"panels\": [", w.stage().getScene().getWidth(),
                w.stage().getScene().getHeight(), w.textScale().factorProperty().get(), w.formShown()));
        List<Plot> plots = measure(w.grid().shown());
        for (int i = 0; i < plots.size(); i++) {
            Plot p = plots.get(i);
            b.append(String.format(Locale.ROOT, "%s\n    {\"id\": \"%s\", \"title\": \"%s\", \"plotWidth\": %.0f, "
                    + "\"plotHeight\": %.0f, \"readable\": %s, \"clippedAxisTitles\": %d, "
                    + "\"pointsUnderLegend\": %d}", i == 0 ? "" : ",", p.id(), p.title(), p.width(), p.height(),
                    p.readable(), clippedAxisTitles(w.grid().shown().get(i)).size(),
                    pointsUnderLegends(w.grid().shown().get(i))));
        }
        return b.append("\n  ]\n}\n").toString();
    }

    static void write(MainWindow w, Path file) throws IOException {
        Files.writeString(file, json(w), StandardCharsets.UTF_8);
    }
}
