package org.ntkexplorer.ui.panels;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.EditAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;

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
}
