package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;

import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.SeedSummary;
import org.ntkexplorer.core.experiment.WidthMeasure;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

/** A width sweep against the width on log–log axes: how close to the NTK limit each width is, with fitted slopes. */
public final class WidthPanel extends LivePanel {
    private final XYChart chart = Charts.xy("width", "", true, "value", "", true);
    private final SeedSummary<WidthMeasure> summary = new SeedSummary<>();
    private final Map<WidthMeasure, DoubleErrorDataSet> points = new EnumMap<>(WidthMeasure.class);
    private final Map<WidthMeasure, DoubleDataSet> lines = new EnumMap<>(WidthMeasure.class);
    private final Map<WidthMeasure, PowerLawFitResult> fits = new EnumMap<>(WidthMeasure.class);

    public WidthPanel() {
        super("Width sweep", "For each width, on log–log axes: the relative distance ‖K₀ − Θ‖/‖Θ‖ between the "
                + "network's empirical NTK at initialisation and the infinite-width NTK on the probe set, how far the "
                + "kernel moves in training (the kernel distance between before and after), and the trained "
                + "network's test error; means over seeds with ± one standard deviation, and fitted power laws "
                + "value ∝ width^(−α). NTK theory predicts α ≈ 1/2 for the distance and a movement that vanishes "
                + "as the width grows; practical widths sit well away from that limit.");
        for (WidthMeasure m : WidthMeasure.values()) {
            DoubleErrorDataSet p = new DoubleErrorDataSet(m.label());
            DoubleDataSet l = new DoubleDataSet(m.label() + " fit");
            points.put(m, p);
            lines.put(m, l);
            chart.getDatasets().addAll(p, l);
        }
        setContent(chart);
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        boolean changed = false;
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.WidthPointDone w) {
                for (WidthMeasure m : WidthMeasure.values()) {
                    summary.add(m, w.width(), m.of(w));
                }
                changed = true;
            } else if (e instanceof ExperimentEvent.WidthFitUpdated f) {
                fits.put(f.measure(), f.fit());
                changed = true;
            }
        }
        if (changed) {
            redraw();
        }
    }

    private void redraw() {
        for (WidthMeasure m : WidthMeasure.values()) {
            List<SeedSummary.Row> rows = summary.rows(m);
            Charts.setMeans(points.get(m), rows);
            PowerLawFitResult f = fits.get(m);
            Charts.setPowerLaw(lines.get(m), f, rows, f == null ? m.label() + " fit"
                    : String.format(Locale.ROOT, "%s ∝ width^(−%.3f) [%.3f, %.3f]", m.label(), f.alpha(), f.ciLow(),
                    f.ciHigh()));
        }
        Charts.fitLogYToDecades(chart, points.values());
    }

    /** The fitted α of a measure, NaN before two widths are done (for tests). */
    public double alpha(WidthMeasure m) {
        PowerLawFitResult f = fits.get(m);
        return f == null ? Double.NaN : f.alpha();
    }

    @Override
    public void clear() {
        summary.clear();
        fits.clear();
        for (WidthMeasure m : WidthMeasure.values()) {
            points.get(m).clearData();
            lines.get(m).clearData();
        }
    }

    @Override
    public boolean hasData() {
        return !summary.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        List<DataSet> sets = new ArrayList<>(points.values());
        sets.addAll(lines.values());
        SeriesCsv.write(file, "width", "value", sets);
    }
}
