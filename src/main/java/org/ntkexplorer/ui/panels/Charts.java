package org.ntkexplorer.ui.panels;

import java.util.List;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.EditAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;

import org.ntkexplorer.core.experiment.SeedSummary;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

/** Chart construction shared by the panels: labelled axes, zoom, point tooltips, legend. */
final class Charts {
    private Charts() {
    }

    static XYChart xy(String xName, String xUnit, boolean logX, String yName, String yUnit, boolean logY) {
        DefaultNumericAxis x = axis(xName, xUnit, logX);
        DefaultNumericAxis y = axis(yName, yUnit, logY);
        XYChart chart = new XYChart(x, y);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.getPlugins().addAll(new Zoomer(), new EditAxis(), new DataPointTooltip());
        ErrorDataSetRenderer renderer = (ErrorDataSetRenderer) chart.getRenderers().get(0);
        renderer.setDrawMarker(true);
        renderer.setErrorStyle(ErrorStyle.ERRORBARS);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        chart.setMinSize(200, 160);
        return chart;
    }

    private static DefaultNumericAxis axis(String name, String unit, boolean log) {
        // A null unit keeps ChartFX from printing empty brackets after the name.
        DefaultNumericAxis a = new DefaultNumericAxis(name);
        a.setUnit(unit == null || unit.isEmpty() ? null : unit);
        a.setLogAxis(log);
        a.setAutoRanging(true);
        a.setForceZeroInRange(false);
        a.setAutoUnitScaling(false);
        return a;
    }

    /**
     * A log axis labels only powers of ten, so a range inside one decade would show no numbers: the y axis is set
     * to the decades enclosing every point and its error bar instead of auto-ranging.
     */
    static void fitLogYToDecades(XYChart chart, java.util.Collection<? extends io.fair_acc.dataset.DataSet> sets) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (io.fair_acc.dataset.DataSet d : sets) {
            for (int i = 0; i < d.getDataCount(); i++) {
                double v = d.get(io.fair_acc.dataset.DataSet.DIM_Y, i);
                if (v > 0) {
                    double lo = v;
                    double hi = v;
                    if (d instanceof io.fair_acc.dataset.DataSetError e) {
                        lo -= e.getErrorNegative(io.fair_acc.dataset.DataSet.DIM_Y, i);
                        hi += e.getErrorPositive(io.fair_acc.dataset.DataSet.DIM_Y, i);
                    }
                    min = Math.min(min, lo > 0 ? lo : v);
                    max = Math.max(max, hi);
                }
            }
        }
        if (max > 0 && min > 0 && Double.isFinite(min)) {
            DefaultNumericAxis y = (DefaultNumericAxis) chart.getYAxis();
            y.setAutoRanging(false);
            y.set(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))));
        }
    }

    /** Means over seeds with ± one standard deviation as error bars, in one call under the data set's own lock. */
    static void setMeans(DoubleErrorDataSet ds,
                         List<SeedSummary.Row> rows) {
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
     * A fitted power law a·x^(−α) drawn as a straight log–log segment over the rows' x range, named {@code name};
     * cleared when there is no fit or fewer than two rows.
     */
    static void setPowerLaw(DoubleDataSet line,
                            PowerLawFitResult f,
                            List<SeedSummary.Row> rows, String name) {
        if (f == null || rows.size() < 2) {
            line.clearData();
            return;
        }
        double[] x = {rows.get(0).x(), rows.get(rows.size() - 1).x()};
        line.setName(name);
        line.set(x, new double[] {f.a() * Math.pow(x[0], -f.alpha()), f.a() * Math.pow(x[1], -f.alpha())});
    }
}
