package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.scene.Node;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.SeedSummary;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.WidthMeasure;

/** A width sweep against the width on log–log axes: how close to the NTK limit each width is, with fitted slopes. */
public final class WidthPanel extends LivePanel {
    private final XYChart chart = Charts.xy("width", true, "distance, movement, test error", true);
    private final ChartBox box = new ChartBox(chart);
    private final WidthModel model = new WidthModel();
    private final Map<WidthMeasure, DoubleErrorDataSet> points = new EnumMap<>(WidthMeasure.class);
    private final Map<WidthMeasure, DoubleDataSet> lines = new EnumMap<>(WidthMeasure.class);

    public WidthPanel() {
        super("Width sweep");
        for (WidthMeasure m : WidthMeasure.values()) {
            var c = Charts.PALETTE.get(m.ordinal());
            points.put(m, Charts.styled(new DoubleErrorDataSet(m.label()), c, false));
            lines.put(m, Charts.styled(new DoubleDataSet(m.label() + " fit"), c, true));
        }
        Charts.x(chart).setLogarithmBase(2);
        Charts.fitTitle(Charts.y(chart), "distance, movement, test error", "value");
        setContent(box);
        clear();
        setStudy(study());
    }

    @Override
    public String explanation() {
        return "For each width, on log–log axes: the relative distance ‖K₀ − Θ‖/‖Θ‖ between the network's empirical "
                + "NTK at initialisation and the infinite-width NTK on the probe set, how far the kernel moves in "
                + "training (the kernel distance between before and after), and the trained network's test error; "
                + "means over seeds with ± one standard deviation, and dashed fitted power laws value ∝ width^(−α) "
                + "with α and its interval in the legend. NTK theory predicts α ≈ 1/2 for the distance and a movement "
                + "that vanishes as the width grows; look at how close this run's slopes come.";
    }


    @Override
    public void accept(List<ExperimentEvent> events) {
        if (model.accept(events)) {
            redraw();
        }
    }

    private void redraw() {
        for (WidthMeasure m : WidthMeasure.values()) {
            List<SeedSummary.Row> rows = model.rows(m);
            Charts.setMeans(points.get(m), rows);
            points.get(m).setName(model.legend(m));
            Charts.setPowerLaw(lines.get(m), model.fit(m), rows);
            Charts.showIfData(Charts.points(chart), points.get(m));
            Charts.showIfData(Charts.lines(chart), lines.get(m));
        }
        Charts.fitLogYToDecades(chart, points.values());
        box.refresh();
        setCaption(model.caption());
    }

    /** The fitted α of a measure, NaN before two widths are done (for tests). */
    public double alpha(WidthMeasure m) {
        PowerLawFitResult f = model.fit(m);
        return f == null ? Double.NaN : f.alpha();
    }

    @Override
    public Node exportNode() {
        return box;
    }

    @Override
    public void clear() {
        model.clear();
        for (WidthMeasure m : WidthMeasure.values()) {
            points.get(m).clearData();
            lines.get(m).clearData();
        }
        redraw();
    }

    @Override
    public boolean hasData() {
        return !model.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        List<DataSet> sets = new ArrayList<>(points.values());
        sets.addAll(lines.values());
        SeriesCsv.write(file, "width", "value", sets);
    }
}
