package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.scene.canvas.Canvas;

import io.fair_acc.chartfx.XYChart;

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
        XYChart chart = (XYChart) p.lookup(".chart");
        return chart != null ? chart.getCanvas() : (Canvas) p.lookup("Canvas");
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
                    + "\"plotHeight\": %.0f, \"readable\": %s}", i == 0 ? "" : ",", p.id(), p.title(), p.width(),
                    p.height(), p.readable()));
        }
        return b.append("\n  ]\n}\n").toString();
    }

    static void write(MainWindow w, Path file) throws IOException {
        Files.writeString(file, json(w), StandardCharsets.UTF_8);
    }
}
