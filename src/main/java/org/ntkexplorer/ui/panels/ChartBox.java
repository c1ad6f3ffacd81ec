package org.ntkexplorer.ui.panels;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.renderer.Renderer;
import io.fair_acc.dataset.DataSet;

/**
 * A chart with its legend laid over a corner of the plot area instead of below it, so that on a projector the plot
 * keeps the room a legend row would take. The corner is one that covers no drawn point or line; when every corner
 * covers some, the legend goes above the plot, its entries flowing across the width. The legend lists the measured
 * series (fit lines share their series' colour) and can be dragged aside.
 */
public final class ChartBox extends Pane {
    private static final double MARGIN = 6;
    private final XYChart chart;
    private final javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(12, 1);
    private boolean above;
    private double dragX;
    private double dragY;
    private double offsetX;
    private double offsetY;

    ChartBox(XYChart chart) {
        this.chart = chart;
        chart.setLegendVisible(false);
        legend.getStyleClass().add("overlay-legend");
        legend.setPadding(new Insets(2, 6, 2, 6));
        legend.setOnMousePressed(e -> {
            dragX = e.getSceneX() - offsetX;
            dragY = e.getSceneY() - offsetY;
        });
        legend.setOnMouseDragged(e -> {
            offsetX = e.getSceneX() - dragX;
            offsetY = e.getSceneY() - dragY;
            requestLayout();
        });
        legend.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                offsetX = 0;
                offsetY = 0;
                requestLayout();
            }
        });
        javafx.scene.control.Tooltip.install(legend, new javafx.scene.control.Tooltip("Drag the legend aside if it "
                + "covers data; double-click puts it back"));
        getChildren().addAll(chart, legend);
        getStyleClass().add("chart-box");
        // New data rescales the axes after the legend was placed: place it again where the data now leaves room.
        for (Axis a : List.of(chart.getXAxis(), chart.getYAxis())) {
            a.minProperty().addListener(o -> requestLayout());
            a.maxProperty().addListener(o -> requestLayout());
        }
        chart.getCanvas().widthProperty().addListener(o -> requestLayout());
        chart.getCanvas().heightProperty().addListener(o -> requestLayout());
        setMinSize(0, 0);
    }

    public XYChart chart() {
        return chart;
    }

    /** Lists the series the points renderer draws now, with their names and colours. */
    public void refresh() {
        List<javafx.scene.Node> rows = new ArrayList<>();
        for (DataSet ds : Charts.points(chart).getDatasets()) {
            if (ds.getDataCount() == 0) {
                continue;
            }
            Line sample = new Line(0, 0, 18, 0);
            sample.setStroke(Charts.colourOf(ds));
            sample.setStrokeWidth(2.5);
            sample.getStrokeDashArray().setAll(Charts.dashesOf(ds));
            Label l = new Label(ds.getName(), sample);
            l.getStyleClass().add("legend-entry");
            l.setGraphicTextGap(5);
            rows.add(l);
        }
        legend.getChildren().setAll(rows);
        legend.setVisible(!rows.isEmpty());
        requestLayout();
    }

    /** The legend's entries as shown (tests). */
    public List<String> entries() {
        return legend.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    /** Whether the legend sits above the plot because every corner would cover data (tests). */
    public boolean legendAbove() {
        return above;
    }

    /** Drawn points and line samples under the legend as it is placed now: 0 when it covers no data (tests). */
    public int pointsUnderLegend() {
        if (!legend.isVisible()) {
            return 0;
        }
        Bounds plot = sceneToLocal(chart.getCanvas().localToScene(chart.getCanvas().getLayoutBounds()));
        Bounds l = legend.getBoundsInParent();
        if (plot == null || !plot.intersects(l)) {
            return 0;
        }
        return pointsUnder(l.getMinX() - plot.getMinX(), l.getMinY() - plot.getMinY(), l.getWidth(), l.getHeight());
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        // One entry a row over a corner; rows of entries across the width above the plot.
        legend.setPrefWrapLength(1);
        double lw = Math.min(legend.prefWidth(-1), w);
        double lh = Math.min(legend.prefHeight(lw), h);
        chart.resizeRelocate(0, 0, w, h);
        chart.layout();
        above = false;
        Bounds plot = sceneToLocal(chart.getCanvas().localToScene(chart.getCanvas().getLayoutBounds()));
        if (plot == null || plot.getWidth() <= 0) {
            legend.resizeRelocate(Math.max(0, w - lw - MARGIN), MARGIN, lw, lh);
            return;
        }
        double midX = plot.getMinX() + (plot.getWidth() - lw) / 2;
        double[][] corners = {
            {plot.getMaxX() - MARGIN - lw, plot.getMinY() + MARGIN},
            {plot.getMinX() + MARGIN, plot.getMinY() + MARGIN},
            {plot.getMaxX() - MARGIN - lw, plot.getMaxY() - MARGIN - lh},
            {plot.getMinX() + MARGIN, plot.getMaxY() - MARGIN - lh},
            {midX, plot.getMinY() + MARGIN},
            {midX, plot.getMaxY() - MARGIN - lh}};
        double[] best = corners[0];
        int fewest = Integer.MAX_VALUE;
        boolean fits = lw <= plot.getWidth() - 2 * MARGIN && lh <= plot.getHeight() - 2 * MARGIN;
        for (double[] c : corners) {
            int n = fits ? pointsUnder(c[0] - plot.getMinX(), c[1] - plot.getMinY(), lw, lh) : Integer.MAX_VALUE - 1;
            if (n < fewest) {
                fewest = n;
                best = c;
            }
        }
        if (fewest > 0 && offsetX == 0 && offsetY == 0) {
            // No free corner: above the plot, which gives up the legend's rows of height.
            above = true;
            legend.setPrefWrapLength(w - 2 * MARGIN);
            double rowsH = legend.prefHeight(w - 2 * MARGIN);
            double rowsW = Math.min(w - 2 * MARGIN, legend.prefWidth(-1));
            chart.resizeRelocate(0, rowsH + 2, w, Math.max(0, h - rowsH - 2));
            chart.layout();
            Bounds moved = sceneToLocal(chart.getCanvas().localToScene(chart.getCanvas().getLayoutBounds()));
            double x = moved == null ? MARGIN : Math.max(0, Math.min(w - rowsW, moved.getMinX()));
            legend.resizeRelocate(x, 0, rowsW, rowsH);
            return;
        }
        double x = Math.max(0, Math.min(w - lw, best[0] + offsetX));
        double y = Math.max(0, Math.min(h - lh, best[1] + offsetY));
        legend.resizeRelocate(x, y, lw, lh);
    }

    /** Drawn points (and line ends) inside a rectangle of the plot area, in canvas coordinates. */
    private int pointsUnder(double x0, double y0, double lw, double lh) {
        Axis xa = chart.getXAxis();
        Axis ya = chart.getYAxis();
        int count = 0;
        for (Renderer r : chart.getRenderers()) {
            for (DataSet ds : r.getDatasets()) {
                double lastX = Double.NaN;
                double lastY = Double.NaN;
                for (int i = 0; i < ds.getDataCount(); i++) {
                    double px = xa.getDisplayPosition(ds.get(DataSet.DIM_X, i));
                    double py = ya.getDisplayPosition(ds.get(DataSet.DIM_Y, i));
                    // Points along the line to the previous one count too: a line under the legend is hidden.
                    int steps = Double.isNaN(lastX) ? 0 : 8;
                    for (int k = 0; k <= steps; k++) {
                        double t = steps == 0 ? 1 : k / (double) steps;
                        double qx = steps == 0 ? px : lastX + t * (px - lastX);
                        double qy = steps == 0 ? py : lastY + t * (py - lastY);
                        if (qx >= x0 - 4 && qx <= x0 + lw + 4 && qy >= y0 - 4 && qy <= y0 + lh + 4) {
                            count++;
                        }
                    }
                    lastX = px;
                    lastY = py;
                }
            }
        }
        return count;
    }
}
