package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;


/**
 * A network's latest probe kernel as an image, rows and columns ordered by class, with the class boundaries and
 * labels drawn on it and a colour bar giving the values of its colours.
 */
public final class HeatmapPanel extends LivePanel {
    private final Canvas canvas = new Canvas();
    private final Pane holder = new Pane(canvas);
    private final Label legend = new Label();
    private final VBox body = new VBox(2, holder, legend);
    private final HeatmapModel model = new HeatmapModel();
    private final UnitChooser<SpectrumModel.Net> chooser = new UnitChooser<>("network",
            k -> String.format(java.util.Locale.ROOT, "n = %d, seed %d", k.n(), k.seed()), this::show);
    private WritableImage image;
    /** The class labels' boxes as drawn last, in canvas coordinates (tests). */
    private final List<HeatmapModel.Box> drawnLabels = new ArrayList<>();
    /** Where the kernel's square was drawn last; null when it was not. */
    private HeatmapModel.Square square;
    private final Tooltip classTip = new Tooltip();

    public HeatmapPanel() {
        super("Kernel heatmap");
        chooser.setId("heatmap-unit");
        addTools(chooser);
        holder.setMinSize(120, 100);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        VBox.setVgrow(holder, Priority.ALWAYS);
        classTip.setShowDelay(Duration.millis(150));
        Tooltip.install(canvas, classTip);
        canvas.setOnMouseMoved(e -> classTip.setText(model.classesAt(e.getX(), e.getY(), square)));
        legend.setWrapText(true);
        legend.getStyleClass().add("heatmap-legend");
        setContent(body);
        clear();
        setStudy(study());
    }

    @Override
    public String explanation() {
        return "A network's latest empirical NTK on the probe set, samples ordered by class (class ids along the edges, "
                + "white lines between classes), each entry K(x,x′)/√(K(x,x)K(x′,x′)) so that only the angle between "
                + "two samples' gradients counts; the colour bar gives the values. Bright blocks on the diagonal mean "
                + "the kernel already treats samples of a class alike. The colours span each kernel's own range (the colour "
                + "bar says which), so when comparing kernels before and after training (the dynamics study shows "
                + "every epoch), compare the pattern of blocks against the bar, not the brightness alone.";
    }


    @Override
    public void accept(List<ExperimentEvent> events) {
        model.accept(events).forEach(chooser::offer);
    }

    private void show(SpectrumModel.Net k) {
        HeatmapModel.Shown shown = model.show(k);
        int n = shown.snapshot().kernel().size();
        float[] unit = shown.colouring().unit();
        image = new WritableImage(n, n);
        PixelWriter w = image.getPixelWriter();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w.setColor(j, i, colour(unit[i * n + j]));
            }
        }
        legend.setText(shown.legend());
        setCaption(shown.caption());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        drawnLabels.clear();
        square = null;
        HeatmapModel.Square sq = model.square(w, h, Math.max(9, legend.getFont().getSize() * 0.85));
        if (sq == null) {
            return;
        }
        double left = sq.left();
        double top = sq.top();
        double side = sq.side();
        g.setFont(Font.font(sq.fontSize()));
        g.setImageSmoothing(false);
        g.drawImage(image, left, top, side, side);
        g.setFill(Color.BLACK);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        Text probe = new Text("0");
        probe.setFont(g.getFont());
        double th = probe.getLayoutBounds().getHeight();
        for (HeatmapModel.ClassLabel l : model.classLabels(sq, text -> {
            probe.setText(text);
            return probe.getLayoutBounds().getWidth();
        }, th)) {
            g.fillText(l.text(), l.x(), l.y());
            drawnLabels.add(l.box());
        }
        g.setStroke(Color.WHITE);
        g.setLineWidth(1);
        for (double b : model.classBoundaries(sq)) {
            g.strokeLine(left + b, top, left + b, top + side);
            g.strokeLine(left, top + b, left + side, top + b);
        }
        square = sq;
        double bx = left + side + 8;
        for (int y = 0; y < side; y++) {
            g.setFill(colour(1 - y / side));
            g.fillRect(bx, top + y, HeatmapModel.BAR, 1.5);
        }
        g.setStroke(Color.GRAY);
        g.strokeRect(bx, top, HeatmapModel.BAR, side);
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        HeatmapModel.Shown shown = model.shown();
        g.fillText(shown.highLabel(), bx + HeatmapModel.BAR + 3, top + sq.fontSize() / 2);
        g.fillText(shown.lowLabel(), bx + HeatmapModel.BAR + 3, top + side - sq.fontSize() / 2);
    }

    /** Whether any two class labels drawn on the heatmap touch or overlap (tests, --smoke-layout). */
    public boolean classLabelsOverlap() {
        return HeatmapModel.overlap(drawnLabels);
    }

    private static Color colour(double t) {
        double[] c = HeatmapModel.rgb(t);
        return Color.color(c[0], c[1], c[2]);
    }

    @Override
    public Node exportNode() {
        return body;
    }

    @Override
    public void clear() {
        model.clear();
        chooser.reset();
        image = null;
        legend.setText("");
        setCaption(HeatmapModel.EMPTY_CAPTION);
        draw();
    }

    @Override
    public boolean hasData() {
        return model.hasData();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        Files.write(file, model.csvLines());
    }
}
