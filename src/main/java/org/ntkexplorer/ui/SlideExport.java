package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.transform.Scale;

import org.ntkexplorer.ui.panels.Charts;
import org.ntkexplorer.ui.panels.LivePanel;

/**
 * Charts for slides: each shown panel's chart with its legend (no header, help mark or selectors) under the panel's
 * title and its one-line subtitle (which n, seed, richness), as a PNG at least {@code minWidth} px wide and at least twice its size on screen, and its data as CSV.
 */
public final class SlideExport {
    public static final int DEFAULT_WIDTH = 1600;
    /** A width that asks for 16:9 slides of exactly 1920×1080, the chart letterboxed whole inside. */
    public static final int SLIDE_16_9 = -1920;

    private SlideExport() {
    }

    /** The files written, PNG and CSV per panel, named after the panel. */
    public static List<Path> export(List<LivePanel> panels, Path dir, int minWidth) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (LivePanel p : panels) {
            String name = p.title().toLowerCase().replaceAll("[^a-z0-9]+", "-");
            Path png = dir.resolve(name + ".png");
            writePng(p, png, minWidth);
            Path csv = dir.resolve(name + ".csv");
            p.exportCsv(csv);
            out.add(png);
            out.add(csv);
        }
        return out;
    }

    static void writePng(LivePanel p, Path file, int minWidth) throws IOException {
        WritableImage img = new javafx.scene.Scene(slide(p, minWidth)).getRoot().snapshot(null, null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }

    /** The slide as drawn: the panel's title, its subtitle, then the chart's picture (tests look at its parts). */
    static VBox slide(LivePanel p, int minWidth) {
        // A chart makes room for its end tick labels after a layout pass, which asks for one more: lay it out until
        // it holds, so the picture has every label.
        for (int i = 0; i < 3; i++) {
            p.applyCss();
            p.layout();
            boolean changed = false;
            for (Node n : p.lookupAll(".chart")) {
                changed |= n instanceof io.fair_acc.chartfx.XYChart c && Charts.fitEndLabels(c);
            }
            if (!changed) {
                break;
            }
        }
        Node chart = p.exportNode();
        double w = Math.max(1, chart.getLayoutBounds().getWidth());
        double h = Math.max(1, chart.getLayoutBounds().getHeight());
        boolean slide169 = minWidth == SLIDE_16_9;
        // 16:9: the chart as large as fits in 1920×1080 below about 150 px of title and subtitle.
        double scale = slide169 ? Math.min(1800 / w, 900 / h) : Math.max(2, minWidth / w);
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(new Scale(scale, scale));
        params.setFill(Color.WHITE);
        WritableImage body = chart.snapshot(params, null);
        Label title = new Label(p.title());
        title.setFont(Font.font(null, FontWeight.BOLD, 16 * scale));
        // The subtitle says which network, seed and richness the chart shows: a slide without it loses its context.
        Label subtitle = new Label(p.caption());
        subtitle.setFont(Font.font(null, 12 * scale));
        subtitle.setWrapText(true);
        // Centred, with a margin: a full-width label put its first letter on the slide's left edge.
        subtitle.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        subtitle.setAlignment(Pos.CENTER);
        subtitle.setMaxWidth(body.getWidth() * 0.94);
        VBox slide = new VBox(4 * scale, title, subtitle, new ImageView(body));
        slide.setAlignment(Pos.TOP_CENTER);
        slide.setPadding(new Insets(8 * scale, 0, 0, 0));
        slide.setStyle("-fx-background-color: white;");
        if (slide169) {
            title.setFont(Font.font(null, FontWeight.BOLD, 40));
            subtitle.setFont(Font.font(null, 26));
            slide.setSpacing(8);
            slide.setPadding(new Insets(16, 0, 0, 0));
            slide.setPrefSize(1920, 1080);
            slide.setMinSize(1920, 1080);
            slide.setMaxSize(1920, 1080);
        }
        return slide;
    }

    /** A node as PNG at its size on screen (the window's screenshot). */
    static void savePng(Node node, Path file) throws IOException {
        WritableImage img = node.snapshot(null, null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }

    /**
     * slides-DATE inside the run's folder when it can be written (not a shipped example run), else in the user's
     * Pictures folder, else in the runs folder.
     */
    static Path slidesFolder(Path run) {
        String name = "slides-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss"));
        if (run != null && Files.isDirectory(run) && Files.isWritable(run)
                && !ExampleRuns.isExample(run)) {
            return run.resolve(name);
        }
        Path pictures = Path.of(System.getProperty("user.home"), "Pictures");
        if (Files.isDirectory(pictures) && Files.isWritable(pictures)) {
            return pictures.resolve("NTK Explorer").resolve(name);
        }
        return RunsDirectory.get().resolve(name);
    }
}
