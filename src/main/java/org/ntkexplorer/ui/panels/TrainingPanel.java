package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;

import org.ntkexplorer.core.experiment.ExperimentEvent;

/** Loss and error of the network being trained now, per epoch. */
public final class TrainingPanel extends LivePanel {
    private final DoubleDataSet trainLoss = new DoubleDataSet("train loss");
    private final DoubleDataSet trainError = new DoubleDataSet("train error");
    private final DoubleDataSet testLoss = new DoubleDataSet("test MSE");
    private final DoubleDataSet testError = new DoubleDataSet("test error");
    private String current = "";

    public TrainingPanel() {
        super("Training curves", "Training loss and error, and test MSE and error, per epoch of the network being "
                + "trained now (the latest training-set size and seed). A test error that keeps falling after the "
                + "kernel has stopped moving would support the NTK picture; compare with the drift panel.");
        XYChart chart = Charts.xy("epoch", "", false, "loss / error", "", false);
        chart.getDatasets().addAll(trainLoss, trainError, testLoss, testError);
        setContent(chart);
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.EpochDone d) {
                String run = d.unit().id();
                if (!run.equals(current)) {
                    clear();
                    current = run;
                }
                add(trainLoss, d.epoch(), d.trainLoss());
                add(trainError, d.epoch(), d.trainError());
                add(testLoss, d.epoch(), d.testLoss());
                add(testError, d.epoch(), d.testError());
            }
        }
    }

    private static void add(DoubleDataSet ds, double x, double y) {
        if (Double.isFinite(y)) {
            ds.add(x, y);
        }
    }

    @Override
    public void clear() {
        current = "";
        for (DoubleDataSet ds : List.of(trainLoss, trainError, testLoss, testError)) {
            ds.clearData();
        }
    }

    @Override
    public boolean hasData() {
        return trainLoss.getDataCount() > 0;
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "epoch", "value", List.of(trainLoss, trainError, testLoss, testError));
    }
}
