package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.KernelPicture;

/** The latest probe kernel as an image, rows and columns ordered by class. */
public final class HeatmapPanel extends LivePanel {
    private final ImageView view = new ImageView();
    private final Label caption = new Label("no kernel yet");
    private KernelPicture picture;

    public HeatmapPanel() {
        super("Kernel heatmap", "The latest empirical NTK on the probe set, samples ordered by class, colour from "
                + "low (dark blue) to high (yellow) after removing each row's and column's scale (K(x,x')/√(K(x,x)"
                + "K(x',x'))). Bright diagonal blocks mean the kernel already groups samples of a class together; "
                + "watch the blocks sharpen during training as the kernel aligns with the labels.");
        view.setPreserveRatio(true);
        view.setSmooth(false);
        StackPane holder = new StackPane(view);
        holder.setMinSize(120, 120);
        view.fitWidthProperty().bind(holder.widthProperty().subtract(8));
        view.fitHeightProperty().bind(holder.heightProperty().subtract(8));
        BorderPane body = new BorderPane(holder);
        body.setBottom(caption);
        setContent(body);
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        ExperimentEvent.KernelSnapshot last = null;
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s && s.kernel() != null) {
                last = s;
            }
        }
        if (last != null) {
            show(last.kernel(), "epoch " + last.epoch() + ", seed " + last.seed() + ", n = " + last.n() + ", "
                    + last.kernel().size() + " probe samples");
        }
    }

    private void show(KernelPicture p, String text) {
        picture = p;
        int n = p.size();
        KernelPicture.Colouring c = p.cosineColouring();
        WritableImage img = new WritableImage(n, n);
        PixelWriter w = img.getPixelWriter();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w.setColor(j, i, colour(c.unit()[i * n + j]));
            }
        }
        view.setImage(img);
        caption.setText(String.format(Locale.ROOT, "%s; normalised kernel from %.2f to %.2f", text, c.low(), c.high()));
    }

    /** A perceptually ordered dark-blue → teal → yellow ramp. */
    static Color colour(double t) {
        double x = Math.max(0, Math.min(1, t));
        double r = 0.27 + x * (0.99 - 0.27) * x;
        double g = 0.0 + 0.9 * x;
        double b = 0.33 + 0.4 * Math.sin(Math.PI * x) - 0.2 * x;
        return Color.color(Math.min(1, r), Math.min(1, g), Math.max(0, Math.min(1, b)));
    }

    @Override
    public void clear() {
        picture = null;
        view.setImage(null);
        caption.setText("no kernel yet");
    }

    @Override
    public boolean hasData() {
        return picture != null;
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        if (picture != null) {
            int n = picture.size();
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < n; j++) {
                    sb.append(j == 0 ? "" : ",").append(picture.values()[i * n + j]);
                }
                lines.add(sb.toString());
            }
        }
        Files.write(file, lines);
    }
}
