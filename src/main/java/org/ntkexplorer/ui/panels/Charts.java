package org.ntkexplorer.ui.panels;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javafx.scene.paint.Color;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.EditAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.DataSetError;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.SeedSummary;
import org.ntkexplorer.core.experiment.spec.Learner;

/**
 * Chart construction shared by the panels. Every chart has two renderers: {@link #points} draws measured values
 * with markers and error bars, {@link #lines} draws fitted lines, dashed and left out of the legend, in the colour
 * of the series they fit. Colours are fixed per series (Okabe–Ito, readable by colour-blind viewers), so a learner
 * has the same colour in every panel and every run.
 */
public final class Charts {
    /** Okabe–Ito colours, in the order series are given them. */
    static final List<Color> PALETTE = List.of(Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#009E73"),
            Color.web("#E69F00"), Color.web("#CC79A7"), Color.web("#56B4E9"), Color.web("#000000"));

    private Charts() {
    }

    /**
     * One colour per learner, in every panel, legend, the α table and the exports. No two of them are the two
     * oranges of the palette (entk-init and nngp were vermillion and orange, hard to tell apart on a projector).
     */
    public static Color colour(Learner l) {
        return switch (l) {
            case NETWORK -> PALETTE.get(0);
            case ENTK_INIT -> PALETTE.get(1);
            case INFINITE_NTK -> PALETTE.get(2);
            case NNGP -> PALETTE.get(4);
            case ENTK_PRETRAINED -> PALETTE.get(5);
        };
    }

    /** Training quantities (loss, error) are drawn in black and grey, never in a learner's colour. */
    static final Color LOSS = Color.web("#000000");
    static final Color ERROR = Color.web("#8c8c8c");

    /** A learner's measured series: the network's line solid, every kernel's dotted, fits dashed in both. */
    static <D extends DataSet> D styled(D ds, Learner l) {
        styled(ds, colour(l), false);
        if (l != Learner.NETWORK) {
            ds.setStyle(ds.getStyle() + " -fx-line-dash-array: 2 4;");
        }
        return ds;
    }

    static XYChart xy(String xName, boolean logX, String yName, boolean logY) {
        XYChart chart = new XYChart(axis(xName, logX), axis(yName, logY));
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.getPlugins().addAll(new Zoomer(), new EditAxis(), new DataPointTooltip());
        ErrorDataSetRenderer points = (ErrorDataSetRenderer) chart.getRenderers().get(0);
        points.setDrawMarker(true);
        points.setErrorStyle(ErrorStyle.ERRORBARS);
        points.setPolyLineStyle(LineStyle.NORMAL);
        ErrorDataSetRenderer lines = new ErrorDataSetRenderer();
        lines.setDrawMarker(false);
        lines.setErrorStyle(ErrorStyle.NONE);
        lines.setPolyLineStyle(LineStyle.NORMAL);
        lines.setShowInLegend(false);
        chart.getRenderers().add(lines);
        chart.setMinSize(200, 150);
        roomForEndLabels(chart);
        return chart;
    }

    /**
     * ChartFX centres a tick label on its tick and drops it when that would take it past the edge of the axes' pane,
     * so the label at the right end of the x axis ("512") and at the top of the y axis ("0.5") went missing when the
     * text grew. The pane keeps room on the right and at the top for half of those two labels, measured in the axes'
     * tick font.
     */
    private static void roomForEndLabels(XYChart chart) {
        // After every layout pulse of the chart's scene: ChartFX reuses its tick marks when their labels change, and
        // a change of room lays the chart out once more with the same labels, where it holds.
        Runnable fit = () -> fitEndLabels(chart);
        chart.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(fit);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(fit);
            }
        });
    }

    /** Gives the chart's axes room for their end tick labels as they are now; true when the room changed. */
    public static boolean fitEndLabels(XYChart chart) {
        if (!(chart.getXAxis() instanceof DefaultNumericAxis) || !(chart.getYAxis() instanceof DefaultNumericAxis)) {
            return false;
        }
        javafx.scene.layout.Region pane = chart.getAxesAndCanvasPane();
        double right = overhang(x(chart), true);
        double top = overhang(y(chart), false);
        javafx.geometry.Insets want = new javafx.geometry.Insets(Math.ceil(top), Math.ceil(right), 0, 0);
        if (want.equals(pane.getPadding())) {
            return false;
        }
        pane.setPadding(want);
        return true;
    }

    /**
     * How far the label of the tick at the far end of an axis (the right end of an x axis, the top of a y axis)
     * reaches past the axis, plus three pixels; 0 when it fits.
     */
    private static double overhang(DefaultNumericAxis a, boolean horizontal) {
        double need = 0;
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(a.getTickLabelStyle().getFont());
        for (io.fair_acc.chartfx.axes.spi.TickMark t : a.getTickMarks()) {
            if (t.getText() == null || t.getText().isEmpty()) {
                continue;
            }
            probe.setText(t.getText());
            // The larger of the text's size and ChartFX's own measure of the label, which it hides by.
            double half = Math.max(horizontal ? probe.getLayoutBounds().getWidth() : probe.getLayoutBounds().getHeight(),
                    horizontal ? t.getWidth() : t.getHeight()) / 2;
            // From the far end: an x axis ends at its length, a y axis (drawn downwards) at position 0.
            double room = horizontal ? a.getLength() - t.getPosition() : t.getPosition();
            need = Math.max(need, half - room + 3);
        }
        return need;
    }

    private static DefaultNumericAxis axis(String name, boolean log) {
        DefaultNumericAxis a = new DefaultNumericAxis(name);
        // A null unit keeps ChartFX from printing empty brackets after the name.
        a.setUnit(null);
        a.setLogAxis(log);
        a.setAutoRanging(true);
        a.setForceZeroInRange(false);
        a.setAutoUnitScaling(false);
        // Room on both sides, so end points and their markers are not cut in half by the plot's edge.
        a.setAutoRangePadding(0.05);
        if (log) {
            // Decades as 1000, 0.1, 0.001 (1e-6 when smaller) rather than "1.0000" and "0.1000".
            a.setTickLabelFormatter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(Number n) {
                    double v = n.doubleValue();
                    if (v == 0 || !Double.isFinite(v)) {
                        return "0";
                    }
                    if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) {
                        return String.format(java.util.Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e");
                    }
                    if (v == Math.rint(v)) {
                        // Training-set sizes and widths: 1024 is not "1020".
                        return Long.toString((long) v);
                    }
                    return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                            .toPlainString();
                }

                @Override
                public Number fromString(String s) {
                    return Double.parseDouble(s);
                }
            });
        }
        return a;
    }

    static ErrorDataSetRenderer points(XYChart chart) {
        return (ErrorDataSetRenderer) chart.getRenderers().get(0);
    }

    static ErrorDataSetRenderer lines(XYChart chart) {
        return (ErrorDataSetRenderer) chart.getRenderers().get(1);
    }

    static DefaultNumericAxis x(XYChart chart) {
        return (DefaultNumericAxis) chart.getXAxis();
    }

    static DefaultNumericAxis y(XYChart chart) {
        return (DefaultNumericAxis) chart.getYAxis();
    }

    /** Gives a data set its colour; a fit line is dashed. */
    static <D extends DataSet> D styled(D ds, Color c, boolean dashed) {
        String rgb = web(c);
        ds.setStyle("-fx-line-color: " + rgb + "; -fx-marker-color: " + rgb + "; -fx-marker-size: 3; -fx-line-width: "
                + (dashed ? 2 : 1.5) + ";" + (dashed ? " -fx-line-dash-array: 8 5;" : ""));
        return ds;
    }

    /** The colour {@link #styled} gave a data set (black if none). */
    static Color colourOf(DataSet ds) {
        String style = ds.getStyle();
        int i = style == null ? -1 : style.indexOf("-fx-line-color: ");
        return i < 0 ? Color.BLACK : Color.web(style.substring(i + 16, i + 23));
    }

    /** The dash pattern {@link #styled} gave a data set's line, empty for a solid line (the legend draws it). */
    static List<Double> dashesOf(DataSet ds) {
        String style = ds.getStyle();
        int i = style == null ? -1 : style.indexOf("-fx-line-dash-array: ");
        if (i < 0) {
            return List.of();
        }
        int end = style.indexOf(';', i);
        String v = style.substring(i + 21, end < 0 ? style.length() : end);
        return java.util.Arrays.stream(v.trim().split("\\s+")).map(Double::valueOf).toList();
    }

    static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    /** The colour a data set is drawn in, once the chart has laid it out (tests). */
    public static Color drawnColour(XYChart chart, DataSet ds) {
        for (var r : chart.getRenderers()) {
            if (r instanceof ErrorDataSetRenderer e) {
                for (DataSetNode n : e.getDatasetNodes()) {
                    if (n.getDataSet() == ds) {
                        return (Color) n.getLineColor();
                    }
                }
            }
        }
        return null;
    }

    /**
     * Puts a data set on a renderer while it has points and takes it off when it has none, so the legend never
     * names a series with nothing drawn.
     */
    static void showIfData(ErrorDataSetRenderer r, DataSet ds) {
        boolean on = r.getDatasets().contains(ds);
        if (ds.getDataCount() > 0 && !on) {
            r.getDatasets().add(ds);
        } else if (ds.getDataCount() == 0 && on) {
            r.getDatasets().remove(ds);
        }
    }

    /**
     * A log axis labels only powers of its base, so a range inside one decade would show no numbers: the y axis is
     * set to the powers enclosing every point and its error bar instead of auto-ranging.
     */
    static void fitLogYToDecades(XYChart chart, Collection<? extends DataSet> sets) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (DataSet d : sets) {
            for (int i = 0; i < d.getDataCount(); i++) {
                double v = d.get(DataSet.DIM_Y, i);
                if (v > 0) {
                    double lo = v;
                    double hi = v;
                    if (d instanceof DataSetError e) {
                        lo -= e.getErrorNegative(DataSet.DIM_Y, i);
                        hi += e.getErrorPositive(DataSet.DIM_Y, i);
                    }
                    min = Math.min(min, lo > 0 ? lo : v);
                    max = Math.max(max, hi);
                }
            }
        }
        DefaultNumericAxis y = y(chart);
        if (max > 0 && min > 0 && Double.isFinite(min)) {
            // Within a factor of 8, powers of two (0.125, 0.25, 0.5) label the axis more finely than decades.
            double base = max / min < 8 ? 2 : 10;
            y.setLogarithmBase(base);
            double lb = Math.log(base);
            y.setAutoRanging(false);
            y.set(Math.pow(base, Math.floor(Math.log(min) / lb)), Math.pow(base, Math.ceil(Math.log(max) / lb)));
        } else {
            y.setAutoRanging(true);
        }
    }

    /**
     * Gives an axis its title, or the first of the shorter ones that fits along it when the axis is too short for the
     * whole title (large text on a projector): a title drawn longer than its axis is cut at both ends.
     */
    static void fitTitle(DefaultNumericAxis axis, String full, String... shorter) {
        List<String> titles = new java.util.ArrayList<>(List.of(full));
        titles.addAll(List.of(shorter));
        axis.getProperties().put("ntk.titles", titles);
        Runnable choose = () -> {
            double length = axis.getLength();
            if (length <= 0) {
                return;
            }
            javafx.scene.text.Text probe = new javafx.scene.text.Text();
            probe.setFont(axis.getAxisLabel().getFont());
            String pick = titles.get(titles.size() - 1);
            for (String t : titles) {
                probe.setText(t);
                if (probe.getLayoutBounds().getWidth() <= length - 4) {
                    pick = t;
                    break;
                }
            }
            if (!pick.equals(axis.getName())) {
                axis.setName(pick);
            }
        };
        if (!axis.getProperties().containsKey("ntk.fitTitle")) {
            axis.getProperties().put("ntk.fitTitle", Boolean.TRUE);
            axis.lengthProperty().addListener((o, a, b) -> ((Runnable) axis.getProperties().get("ntk.choose")).run());
            axis.getAxisLabel().fontProperty().addListener((o, a, b) -> ((Runnable) axis.getProperties()
                    .get("ntk.choose")).run());
        }
        axis.getProperties().put("ntk.choose", choose);
        choose.run();
    }

    /** Whole-number ticks on an axis that counts (epochs): none between whole numbers, the ends padded. */
    static void wholeTicks(DefaultNumericAxis axis, double max) {
        axis.setAutoRanging(false);
        double top = Math.max(1, Math.ceil(max));
        axis.setTickUnit(Math.max(1, niceStep(top / 6)));
        axis.setMaxMajorTickLabelCount((int) Math.min(12, top + 1));
        axis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        axis.set(0, top + Math.max(0.5, top * 0.03));
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Means over seeds with ± one standard deviation as error bars, in one call under the data set's own lock. */
    static void setMeans(DoubleErrorDataSet ds, List<SeedSummary.Row> rows) {
        int k = rows.size();
        double[] x = new double[k];
        double[] y = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        for (int i = 0; i < k; i++) {
            SeedSummary.Row r = rows.get(i);
            x[i] = r.x();
            y[i] = r.mean();
            // The lower bar stops just above zero, which a log axis cannot show.
            lo[i] = Math.min(r.sd(), r.mean() * 0.999);
            hi[i] = r.sd();
        }
        ds.set(x, y, lo, hi);
    }

    /**
     * A fitted power law a·x^(−α) drawn as a straight log–log segment over the rows' x range; cleared when there is
     * no fit or fewer than two rows.
     */
    static void setPowerLaw(DoubleDataSet line, PowerLawFitResult f, List<SeedSummary.Row> rows) {
        if (f == null || rows.size() < 2) {
            line.clearData();
            return;
        }
        double[] x = {rows.get(0).x(), rows.get(rows.size() - 1).x()};
        line.set(x, new double[] {f.a() * Math.pow(x[0], -f.alpha()), f.a() * Math.pow(x[1], -f.alpha())});
    }
}
