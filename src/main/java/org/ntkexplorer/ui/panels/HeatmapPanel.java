package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.KernelPicture;


/**
 * A network's latest probe kernel as an image, rows and columns ordered by class, with the class boundaries and
 * labels drawn on it and a colour bar giving the values of its colours.
 */
public final class HeatmapPanel extends LivePanel {
    private static final double BAR = 14;

    private final Canvas canvas = new Canvas();
    private final Pane holder = new Pane(canvas);
    private final Label legend = new Label();
    private final VBox body = new VBox(2, holder, legend);
    private final Map<SpectrumModel.Net, ExperimentEvent.KernelSnapshot> latest = new LinkedHashMap<>();
    private final UnitChooser<SpectrumModel.Net> chooser = new UnitChooser<>("network",
            k -> String.format(Locale.ROOT, "n = %d, seed %d", k.n(), k.seed()), this::show);
    private ExperimentEvent.KernelSnapshot shown;
    private WritableImage image;
    private KernelPicture.Colouring colouring;
    /** The class labels as drawn last, in canvas coordinates (tests). */
    private final List<javafx.geometry.Bounds> drawnLabels = new ArrayList<>();
    /** Where the kernel's square was drawn last: left, top, side. */
    private double[] square;
    private final javafx.scene.control.Tooltip classTip = new javafx.scene.control.Tooltip();

    public HeatmapPanel() {
        super("Kernel heatmap");
        chooser.setId("heatmap-unit");
        addTools(chooser);
        holder.setMinSize(120, 100);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        VBox.setVgrow(holder, javafx.scene.layout.Priority.ALWAYS);
        classTip.setShowDelay(javafx.util.Duration.millis(150));
        javafx.scene.control.Tooltip.install(canvas, classTip);
        canvas.setOnMouseMoved(e -> classTip.setText(classesAt(e.getX(), e.getY())));
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
        List<SpectrumModel.Net> touched = new ArrayList<>();
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s && s.kernel() != null) {
                SpectrumModel.Net k = new SpectrumModel.Net(s.seed(), s.n());
                latest.put(k, s);
                if (!touched.contains(k)) {
                    touched.add(k);
                }
            }
        }
        touched.forEach(chooser::offer);
    }

    private void show(SpectrumModel.Net k) {
        shown = latest.get(k);
        KernelPicture p = shown.kernel();
        int n = p.size();
        colouring = p.cosineColouring();
        image = new WritableImage(n, n);
        PixelWriter w = image.getPixelWriter();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w.setColor(j, i, colour(colouring.unit()[i * n + j]));
            }
        }
        legend.setText(String.format(Locale.ROOT, "Network at n = %d, seed %d, epoch %d; %d probe samples; colours "
                + "from %.2f to %.2f.", shown.n(), shown.seed(), shown.epoch(), n, colouring.low(), colouring.high()));
        setCaption(String.format(Locale.ROOT, "n = %d, seed %d, epoch %d: the kernel, samples by class.", shown.n(),
                shown.seed(), shown.epoch()));
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        drawnLabels.clear();
        square = null;
        if (image == null || w < 60 || h < 40) {
            return;
        }
        double fontSize = Math.max(9, legend.getFont().getSize() * 0.85);
        g.setFont(Font.font(fontSize));
        double left = fontSize * 1.6;
        double top = fontSize * 1.4;
        double side = Math.max(10, Math.min(w - left - BAR - fontSize * 4, h - top - 2));
        g.setImageSmoothing(false);
        g.drawImage(image, left, top, side, side);
        int[] labels = shown.kernel().labels();
        int n = shown.kernel().size();
        g.setFill(Color.BLACK);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        if (labels != null) {
            javafx.scene.text.Text probe = new javafx.scene.text.Text();
            probe.setFont(g.getFont());
            probe.setText("0");
            double th = probe.getLayoutBounds().getHeight();
            for (ClassLabel l : classLabels(labels, left, top, side, text -> {
                probe.setText(text);
                return probe.getLayoutBounds().getWidth();
            }, th, true)) {
                g.fillText(l.text(), l.x(), l.y());
                drawnLabels.add(l.box());
            }
            g.setStroke(Color.WHITE);
            g.setLineWidth(1);
            for (int i = 1; i < n; i++) {
                if (labels[i] != labels[i - 1]) {
                    double b = side * i / n;
                    g.strokeLine(left + b, top, left + b, top + side);
                    g.strokeLine(left, top + b, left + side, top + b);
                }
            }
        }
        square = new double[] {left, top, side};
        double bx = left + side + 8;
        for (int y = 0; y < side; y++) {
            g.setFill(colour(1 - y / side));
            g.fillRect(bx, top + y, BAR, 1.5);
        }
        g.setStroke(Color.GRAY);
        g.strokeRect(bx, top, BAR, side);
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "%.2f", colouring.high()), bx + BAR + 3, top + fontSize / 2);
        g.fillText(String.format(Locale.ROOT, "%.2f", colouring.low()), bx + BAR + 3, top + side - fontSize / 2);
    }

    /** "row: class 3, column: class 7" for a point on the kernel's square; the square's meaning elsewhere. */
    private String classesAt(double x, double y) {
        if (shown == null || square == null || shown.kernel().labels() == null) {
            return "Samples by class along both edges";
        }
        int n = shown.kernel().size();
        int col = (int) Math.floor((x - square[0]) / square[2] * n);
        int row = (int) Math.floor((y - square[1]) / square[2] * n);
        int[] labels = shown.kernel().labels();
        if (col < 0 || row < 0 || col >= n || row >= n) {
            return "Samples by class along both edges; point at the square for the two classes";
        }
        return "row: class " + labels[row] + ", column: class " + labels[col];
    }

    /** A class id to draw, centred at (x, y), and the box it covers. */
    record ClassLabel(String text, double x, double y, javafx.geometry.Bounds box) {
    }

    /**
     * Where the class ids go along the top and left edges of the square (left, top, side) for probe samples with
     * {@code labels}, each centred on its class's run of samples. {@code spaced}: with many classes in a small square
     * the ids would run together, so a label that would come within 2 px (top) or 1 px (left) of the one before it is
     * left out (the tooltip names the classes under the mouse); without it every id is placed (the tests' control).
     */
    static List<ClassLabel> classLabels(int[] labels, double left, double top, double side,
                                        java.util.function.ToDoubleFunction<String> width, double th, boolean spaced) {
        List<ClassLabel> out = new ArrayList<>();
        int n = labels.length;
        double lastTop = Double.NEGATIVE_INFINITY;
        double lastLeft = Double.NEGATIVE_INFINITY;
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || labels[i] != labels[start]) {
                double a = side * start / n;
                double b = side * i / n;
                String text = Integer.toString(labels[start]);
                double tw = width.applyAsDouble(text);
                double cx = left + (a + b) / 2;
                double cy = top + (a + b) / 2;
                if (!spaced || cx - tw / 2 >= lastTop + 2) {
                    out.add(new ClassLabel(text, cx, top / 2,
                            new javafx.geometry.BoundingBox(cx - tw / 2, top / 2 - th / 2, tw, th)));
                    lastTop = cx + tw / 2;
                }
                if (!spaced || cy - th / 2 >= lastLeft + 1) {
                    out.add(new ClassLabel(text, left / 2, cy,
                            new javafx.geometry.BoundingBox(left / 2 - tw / 2, cy - th / 2, tw, th)));
                    lastLeft = cy + th / 2;
                }
                start = i;
            }
        }
        return out;
    }

    /** Whether any two of the boxes touch or overlap. */
    static boolean overlap(List<javafx.geometry.Bounds> boxes) {
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (boxes.get(i).intersects(boxes.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any two class labels drawn on the heatmap touch or overlap (tests, --smoke-layout). */
    public boolean classLabelsOverlap() {
        return overlap(drawnLabels);
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
    public Node exportNode() {
        return body;
    }

    @Override
    public void clear() {
        latest.clear();
        chooser.reset();
        shown = null;
        image = null;
        legend.setText("");
        setCaption("A network's probe kernel as an image, samples grouped by class.");
        draw();
    }

    @Override
    public boolean hasData() {
        return shown != null;
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        if (shown != null) {
            KernelPicture p = shown.kernel();
            int n = p.size();
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < n; j++) {
                    // Through Float.toString: the shortest decimal of the stored float, not of its double widening.
                    sb.append(j == 0 ? "" : ",").append(SeriesCsv.number(Double.parseDouble(
                            Float.toString(p.values()[i * n + j]))));
                }
                lines.add(sb.toString());
            }
        }
        Files.write(file, lines);
    }
}
