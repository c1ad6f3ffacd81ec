package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;

import org.ntkexplorer.core.experiment.ExperimentEvent;

/** How far and how fast the eNTK moves across epochs, and how it aligns with the labels. */
public final class DriftPanel extends LivePanel {
    private final DoubleDataSet distance = new DoubleDataSet("distance to init S(K0, Kt)");
    private final DoubleDataSet velocity = new DoubleDataSet("velocity S(Kt, Kt+Δ)/Δ");
    private final DoubleDataSet ckaGap = new DoubleDataSet("1 − CKA to previous");
    private final DoubleDataSet alignment = new DoubleDataSet("kernel–target alignment");
    private long seed = -1;

    public DriftPanel() {
        super("Kernel drift", "Across epochs, on the fixed probe set: the kernel distance to the initial kernel "
                + "(1 − cosine similarity of the matrices), the kernel velocity (distance between consecutive "
                + "snapshots per epoch), 1 − CKA to the previous snapshot, and the kernel–target alignment. In the "
                + "lazy NTK picture the velocity falls to about zero after a few epochs; look at whether it stays "
                + "clearly above zero while the alignment keeps rising.");
        XYChart chart = Charts.xy("epoch", "", false, "value", "", true);
        chart.getDatasets().addAll(distance, velocity, ckaGap, alignment);
        setContent(chart);
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s) {
                if (s.seed() != seed || s.epoch() == 0) {
                    clear();
                    seed = s.seed();
                }
                add(distance, s.epoch(), s.distanceToInit());
                add(velocity, s.epoch(), s.velocity());
                add(ckaGap, s.epoch(), 1 - s.ckaToPrevious());
                add(alignment, s.epoch(), s.targetAlignment());
            }
        }
    }

    private static void add(DoubleDataSet ds, double x, double y) {
        if (Double.isFinite(y) && y > 0) {
            ds.add(x, y);
        }
    }

    @Override
    public void clear() {
        seed = -1;
        for (DoubleDataSet ds : List.of(distance, velocity, ckaGap, alignment)) {
            ds.clearData();
        }
    }

    @Override
    public boolean hasData() {
        return alignment.getDataCount() + distance.getDataCount() > 0;
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "epoch", "value", List.of(distance, velocity, ckaGap, alignment));
    }
}
