package org.ntkexplorer.ui.panels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.KernelPicture;


/**
 * What the kernel heatmap shows, without JavaFX: each network's latest probe kernel, the one chosen with its colours
 * and words, where the square, class ids and class boundaries go for a canvas size, and what lies under the mouse.
 * {@link HeatmapPanel} paints it.
 */
final class HeatmapModel {
    static final String EMPTY_CAPTION = "A network's probe kernel as an image, samples grouped by class.";
    /** Width of the colour bar beside the square. */
    static final double BAR = 14;

    /** A rectangle; two that touch count as overlapping, as JavaFX's bounds count them. */
    record Box(double x, double y, double width, double height) {
        boolean intersects(Box o) {
            return width >= 0 && height >= 0 && o.width >= 0 && o.height >= 0 && o.x + o.width >= x
                    && o.y + o.height >= y && o.x <= x + width && o.y <= y + height;
        }
    }

    /** A class id to draw, centred at (x, y), and the box it covers. */
    record ClassLabel(String text, double x, double y, Box box) {
    }

    /** Where the kernel's square goes on the canvas, and the font size its labels are drawn in. */
    record Square(double left, double top, double side, double fontSize) {
    }

    /** The network on screen: its snapshot, its colours in [0, 1] with their range, and the words. */
    record Shown(ExperimentEvent.KernelSnapshot snapshot, KernelPicture.Colouring colouring, String legend,
                 String caption) {
        String highLabel() {
            return String.format(Locale.ROOT, "%.2f", colouring.high());
        }

        String lowLabel() {
            return String.format(Locale.ROOT, "%.2f", colouring.low());
        }
    }

    private final Map<SpectrumModel.Net, ExperimentEvent.KernelSnapshot> latest = new LinkedHashMap<>();
    private Shown shown;

    /** Takes the snapshots that carry a kernel; returns the networks touched, each once in order of arrival. */
    List<SpectrumModel.Net> accept(List<ExperimentEvent> events) {
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
        return touched;
    }

    /** Chooses a network's latest kernel for the screen. */
    Shown show(SpectrumModel.Net k) {
        ExperimentEvent.KernelSnapshot s = latest.get(k);
        KernelPicture.Colouring c = s.kernel().cosineColouring();
        shown = new Shown(s, c, String.format(Locale.ROOT, "Network at n = %d, seed %d, epoch %d; %d probe samples; "
                + "colours from %.2f to %.2f.", s.n(), s.seed(), s.epoch(), s.kernel().size(), c.low(), c.high()),
                String.format(Locale.ROOT, "n = %d, seed %d, epoch %d: the kernel, samples by class.", s.n(), s.seed(),
                        s.epoch()));
        return shown;
    }

    /** The network on screen, null before one is chosen. */
    Shown shown() {
        return shown;
    }

    /**
     * Where the square goes on a canvas of w × h whose labels are drawn in {@code fontSize}: room for the ids on the
     * left and top, and for the colour bar and its numbers on the right. Null with nothing to draw or no room.
     */
    Square square(double w, double h, double fontSize) {
        if (shown == null || w < 60 || h < 40) {
            return null;
        }
        double left = fontSize * 1.6;
        double top = fontSize * 1.4;
        return new Square(left, top, Math.max(10, Math.min(w - left - BAR - fontSize * 4, h - top - 2)), fontSize);
    }

    /** The class ids of the kernel on screen, placed on {@code sq} (none for regression data). */
    List<ClassLabel> classLabels(Square sq, ToDoubleFunction<String> width, double th) {
        int[] labels = shown == null ? null : shown.snapshot().kernel().labels();
        return labels == null ? List.of() : classLabels(labels, sq.left(), sq.top(), sq.side(), width, th, true);
    }

    /** Offsets from the square's top-left corner at which one class ends and the next begins, on both edges. */
    List<Double> classBoundaries(Square sq) {
        List<Double> out = new ArrayList<>();
        int[] labels = shown == null ? null : shown.snapshot().kernel().labels();
        if (labels != null) {
            int n = shown.snapshot().kernel().size();
            for (int i = 1; i < n; i++) {
                if (labels[i] != labels[i - 1]) {
                    out.add(sq.side() * i / n);
                }
            }
        }
        return out;
    }

    /** "row: class 3, column: class 7" for a point on the square; the square's meaning elsewhere. */
    String classesAt(double x, double y, Square sq) {
        if (shown == null || sq == null || shown.snapshot().kernel().labels() == null) {
            return "Samples by class along both edges";
        }
        int n = shown.snapshot().kernel().size();
        int col = (int) Math.floor((x - sq.left()) / sq.side() * n);
        int row = (int) Math.floor((y - sq.top()) / sq.side() * n);
        int[] labels = shown.snapshot().kernel().labels();
        if (col < 0 || row < 0 || col >= n || row >= n) {
            return "Samples by class along both edges; point at the square for the two classes";
        }
        return "row: class " + labels[row] + ", column: class " + labels[col];
    }

    /**
     * Where the class ids go along the top and left edges of the square (left, top, side) for probe samples with
     * {@code labels}, each centred on its class's run of samples. {@code spaced}: with many classes in a small square
     * the ids would run together, so a label that would come within 2 px (top) or 1 px (left) of the one before it is
     * left out (the tooltip names the classes under the mouse); without it every id is placed (the tests' control).
     */
    static List<ClassLabel> classLabels(int[] labels, double left, double top, double side,
                                        ToDoubleFunction<String> width, double th, boolean spaced) {
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
                    out.add(new ClassLabel(text, cx, top / 2, new Box(cx - tw / 2, top / 2 - th / 2, tw, th)));
                    lastTop = cx + tw / 2;
                }
                if (!spaced || cy - th / 2 >= lastLeft + 1) {
                    out.add(new ClassLabel(text, left / 2, cy, new Box(left / 2 - tw / 2, cy - th / 2, tw, th)));
                    lastLeft = cy + th / 2;
                }
                start = i;
            }
        }
        return out;
    }

    /** Whether any two of the boxes touch or overlap. */
    static boolean overlap(List<Box> boxes) {
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (boxes.get(i).intersects(boxes.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A perceptually ordered dark-blue → teal → yellow ramp: red, green, blue in [0, 1] for t in [0, 1]. */
    static double[] rgb(double t) {
        double x = Math.max(0, Math.min(1, t));
        double r = 0.27 + x * (0.99 - 0.27) * x;
        double g = 0.0 + 0.9 * x;
        double b = 0.33 + 0.4 * Math.sin(Math.PI * x) - 0.2 * x;
        return new double[] {Math.min(1, r), Math.min(1, g), Math.max(0, Math.min(1, b))};
    }

    /** The kernel on screen as CSV rows, each value the shortest decimal of the stored float. */
    List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        if (shown != null) {
            KernelPicture p = shown.snapshot().kernel();
            int n = p.size();
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < n; j++) {
                    // Through Float.toString: the shortest decimal of the stored float, not of its double widening.
                    sb.append(j == 0 ? "" : ",").append(ShortestDecimal.of(Double.parseDouble(
                            Float.toString(p.values()[i * n + j]))));
                }
                lines.add(sb.toString());
            }
        }
        return lines;
    }

    boolean hasData() {
        return shown != null;
    }

    void clear() {
        latest.clear();
        shown = null;
    }
}
