package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.scene.Node;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.UnitKey;


/** Loss and error of one network, on its whole training and test sets, at each evaluation; every network kept. */
public final class TrainingPanel extends LivePanel {
    private final XYChart chart = Charts.xy("epoch", false, "loss / error", false);
    private final ChartBox box = new ChartBox(chart);
    private final TrainingModel model = new TrainingModel();
    // Loss black, error grey; training solid, test dashed: the learners' colours stay theirs alone.
    private final Map<TrainingModel.Curve, DoubleDataSet> curves = new EnumMap<>(TrainingModel.Curve.class);
    private final DoubleDataSet spikes = Charts.styled(new DoubleDataSet("loss spike"), Charts.PALETTE.get(4), false);
    private final UnitChooser<UnitKey> chooser = new UnitChooser<>("network", TrainingModel::label, this::show);

    public TrainingPanel() {
        super("Training curves");
        for (TrainingModel.Curve c : TrainingModel.Curve.values()) {
            curves.put(c, Charts.styled(new DoubleDataSet(c.label), c.loss ? Charts.LOSS : Charts.ERROR, c.test));
        }
        chooser.setId("training-unit");
        addTools(chooser);
        setContent(box);
        setStudy(study());
    }

    @Override
    public String explanation() {
        return "Training loss and error, and test MSE and error, of one network at each evaluation (every few epochs "
                + "and at the end of training), measured on its whole training and test sets. The selector picks the "
                + "network (training-set size, seed, and width or richness where the study varies them); during a run "
                + "it follows the newest. Look at whether training has finished (the training error flat near its "
                + "end value) before reading the network's test figures in the other panels.";
    }


    @Override
    public void accept(List<ExperimentEvent> events) {
        model.accept(events).forEach(chooser::offer);
    }

    private void show(UnitKey u) {
        TrainingModel.Shown shown = model.show(u);
        curves.forEach((c, ds) -> fill(ds, shown.curves().get(c)));
        curves.values().forEach(ds -> Charts.showIfData(Charts.points(chart), ds));
        fill(spikes, shown.spikes());
        Charts.showIfData(Charts.points(chart), spikes);
        Charts.wholeTicks(Charts.x(chart), shown.lastEpoch());
        box.refresh();
        setCaption(shown.caption());
    }

    private static void fill(DoubleDataSet ds, List<double[]> points) {
        ds.clearData();
        for (double[] p : points) {
            ds.add(p[0], p[1]);
        }
    }

    /** The caption's stable-rate part for a network (tests). */
    public String stableRateCaption(UnitKey u) {
        return model.stableCaption(u);
    }

    /** The networks with curves, in the order they appeared (tests). */
    public List<UnitKey> units() {
        return model.units();
    }

    /** Points drawn of the network shown (tests). */
    public int pointsShown() {
        return curves.get(TrainingModel.Curve.TRAIN_LOSS).getDataCount();
    }

    public void showUnit(UnitKey u) {
        chooser.setValue(u);
    }

    @Override
    public Node exportNode() {
        return box;
    }

    @Override
    public void clear() {
        model.clear();
        spikes.clearData();
        Charts.showIfData(Charts.points(chart), spikes);
        chooser.reset();
        for (DoubleDataSet ds : curves.values()) {
            ds.clearData();
            Charts.showIfData(Charts.points(chart), ds);
        }
        box.refresh();
        setCaption(TrainingModel.EMPTY_CAPTION);
    }

    @Override
    public boolean hasData() {
        return !model.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "epoch", "value", List.copyOf(curves.values()));
    }
}
