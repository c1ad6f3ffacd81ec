package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    // Loss black, error grey; training solid, test dashed: the learners' colours stay theirs alone.
    private final DoubleDataSet trainLoss = Charts.styled(new DoubleDataSet("train loss"), Charts.LOSS, false);
    private final DoubleDataSet trainError = Charts.styled(new DoubleDataSet("train error"), Charts.ERROR, false);
    private final DoubleDataSet testLoss = Charts.styled(new DoubleDataSet("test MSE"), Charts.LOSS, true);
    private final DoubleDataSet testError = Charts.styled(new DoubleDataSet("test error"), Charts.ERROR, true);
    private final DoubleDataSet spikes = Charts.styled(new DoubleDataSet("loss spike"), Charts.PALETTE.get(4), false);
    private final Map<UnitKey, List<ExperimentEvent.EpochDone>> curves = new LinkedHashMap<>();
    /** Each network's stable-rate estimate, from a live run. */
    private final Map<UnitKey, ExperimentEvent.StableRateEstimated> stable = new LinkedHashMap<>();
    /** The same from results.csv (n, seed, richness), for a saved run; a live run's rows arrive after training. */
    private final Map<String, Double> storedStable = new LinkedHashMap<>();
    private final Map<UnitKey, List<ExperimentEvent.LossSpike>> spikesOf = new LinkedHashMap<>();
    private final UnitChooser<UnitKey> chooser = new UnitChooser<>("network", TrainingPanel::label, this::show);

    public TrainingPanel() {
        super("Training curves");
        chooser.setId("training-unit");
        addTools(chooser);
        setContent(box);
        setStudy(study());
    }

    private static String label(UnitKey u) {
        String s = String.format(Locale.ROOT, "n = %d, seed %d", u.n(), u.seed());
        return s + (Double.isNaN(u.richness()) ? "" : ", α = " + SeriesCsv.number(u.richness()))
                + ", width " + u.width();
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
        List<UnitKey> touched = new ArrayList<>();
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.EpochDone d) {
                curves.computeIfAbsent(d.unit(), k -> new ArrayList<>()).add(d);
                if (!touched.contains(d.unit())) {
                    touched.add(d.unit());
                }
            } else if (e instanceof ExperimentEvent.StableRateEstimated r) {
                stable.put(r.unit(), r);
            } else if (e instanceof ExperimentEvent.LossSpike sp) {
                spikesOf.computeIfAbsent(sp.unit(), k -> new ArrayList<>()).add(sp);
            } else if (e instanceof ExperimentEvent.ScalingPointDone p && Double.isFinite(p.row().stableRate())) {
                storedStable.put(rowKey(p.n(), p.seed(), p.richness()), p.row().stableRate());
            }
        }
        touched.forEach(chooser::offer);
    }

    private void show(UnitKey u) {
        List<ExperimentEvent.EpochDone> c = curves.getOrDefault(u, List.of());
        int max = 0;
        for (DoubleDataSet ds : List.of(trainLoss, trainError, testLoss, testError)) {
            ds.clearData();
        }
        for (ExperimentEvent.EpochDone d : c) {
            add(trainLoss, d.epoch(), d.trainLoss());
            add(trainError, d.epoch(), d.trainError());
            add(testLoss, d.epoch(), d.testLoss());
            add(testError, d.epoch(), d.testError());
            max = Math.max(max, d.epoch());
        }
        for (DoubleDataSet ds : List.of(trainLoss, trainError, testLoss, testError)) {
            Charts.showIfData(Charts.points(chart), ds);
        }
        spikes.clearData();
        for (ExperimentEvent.LossSpike sp : spikesOf.getOrDefault(u, List.of())) {
            add(spikes, sp.epoch(), sp.loss());
        }
        Charts.showIfData(Charts.points(chart), spikes);
        Charts.wholeTicks(Charts.x(chart), max);
        box.refresh();
        setCaption(String.format(Locale.ROOT, "%s: loss and error at each evaluation%s.%s%s", label(u),
                curves.size() > 1 ? " (" + curves.size() + " networks)" : "", stableCaption(u), spikeCaption(u)));
    }

    private static String rowKey(int n, long seed, double richness) {
        return n + "|" + seed + "|" + (Double.isNaN(richness) ? "" : SeriesCsv.number(richness));
    }

    /** The eNTK's largest stable learning rate as the reference for this network's rate (docs/science.md). */
    private String stableCaption(UnitKey u) {
        ExperimentEvent.StableRateEstimated r = stable.get(u);
        if (r != null && Double.isFinite(r.bound())) {
            return String.format(Locale.ROOT, " Largest stable learning rate ≈ %.3g (eNTK at initialisation); this "
                    + "network's rate %.3g is %.2f× it%s.", r.bound(), r.learningRate(), r.multiple(),
                    r.multiple() > 2 ? ", above twice the bound" : "");
        }
        Double stored = storedStable.get(rowKey(u.n(), u.seed(), u.richness()));
        return stored == null ? "" : String.format(Locale.ROOT, " Largest stable learning rate ≈ %.3g (eNTK at "
                + "initialisation).", stored);
    }

    private String spikeCaption(UnitKey u) {
        List<ExperimentEvent.LossSpike> list = spikesOf.getOrDefault(u, List.of());
        if (list.isEmpty()) {
            return "";
        }
        ExperimentEvent.LossSpike first = list.get(0);
        return String.format(Locale.ROOT, " %s: the training loss rose to %.3g× its start at step %d%s (marked).",
                first.recovered() ? "Catapult" : "Loss spike", first.ratio(), first.step(),
                first.recovered() ? " and fell back" : "");
    }

    /** The caption's stable-rate part for a network (tests). */
    public String stableRateCaption(UnitKey u) {
        return stableCaption(u);
    }

    private static void add(DoubleDataSet ds, double x, double y) {
        if (Double.isFinite(y)) {
            ds.add(x, y);
        }
    }

    /** The networks with curves, in the order they appeared (tests). */
    public List<UnitKey> units() {
        return List.copyOf(curves.keySet());
    }

    /** Points drawn of the network shown (tests). */
    public int pointsShown() {
        return trainLoss.getDataCount();
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
        curves.clear();
        stable.clear();
        storedStable.clear();
        spikesOf.clear();
        spikes.clearData();
        Charts.showIfData(Charts.points(chart), spikes);
        chooser.reset();
        for (DoubleDataSet ds : List.of(trainLoss, trainError, testLoss, testError)) {
            ds.clearData();
            Charts.showIfData(Charts.points(chart), ds);
        }
        box.refresh();
        setCaption("Loss and error of each network during training, measured on its whole training and test sets.");
    }

    @Override
    public boolean hasData() {
        return !curves.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "epoch", "value", List.of(trainLoss, trainError, testLoss, testError));
    }
}
