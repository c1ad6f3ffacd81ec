package org.ntkexplorer.ui.panels;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.UnitKey;


/**
 * What the training panel shows, without JavaFX: every network's evaluations, loss spikes and largest stable
 * learning rate (live, or from a saved run's rows), and for one network the curves and the caption drawn from them.
 * {@link TrainingPanel} renders it.
 */
final class TrainingModel {
    static final String EMPTY_CAPTION = "Loss and error of each network during training, measured on its whole "
            + "training and test sets.";

    /** One curve across evaluations; NaN values (a figure not measured) are not drawn. */
    enum Curve {
        TRAIN_LOSS("train loss", true, false),
        TRAIN_ERROR("train error", false, false),
        TEST_LOSS("test MSE", true, true),
        TEST_ERROR("test error", false, true);

        final String label;
        /** A loss (rather than an error rate). */
        final boolean loss;
        /** Measured on the test set (rather than the training set). */
        final boolean test;

        Curve(String label, boolean loss, boolean test) {
            this.label = label;
            this.loss = loss;
            this.test = test;
        }

        double of(ExperimentEvent.EpochDone d) {
            return switch (this) {
                case TRAIN_LOSS -> d.trainLoss();
                case TRAIN_ERROR -> d.trainError();
                case TEST_LOSS -> d.testLoss();
                case TEST_ERROR -> d.testError();
            };
        }
    }

    /** What is on screen for one network: (epoch, value) points per curve, its spikes, last epoch and caption. */
    record Shown(Map<Curve, List<double[]>> curves, List<double[]> spikes, int lastEpoch, String caption) {
    }

    /** A row of results.csv names its network by these; the width is not in it. */
    private record RowKey(int n, long seed, double richness) {
    }

    private final Map<UnitKey, List<ExperimentEvent.EpochDone>> curves = new LinkedHashMap<>();
    /** Each network's stable-rate estimate, from a live run. */
    private final Map<UnitKey, ExperimentEvent.StableRateEstimated> stable = new LinkedHashMap<>();
    /** The same from results.csv, for a saved run; a live run's rows arrive after training. */
    private final Map<RowKey, Double> storedStable = new LinkedHashMap<>();
    private final Map<UnitKey, List<ExperimentEvent.LossSpike>> spikes = new LinkedHashMap<>();

    /** Takes the events; returns the networks with new evaluations, each once in order of arrival. */
    List<UnitKey> accept(List<ExperimentEvent> events) {
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
                spikes.computeIfAbsent(sp.unit(), k -> new ArrayList<>()).add(sp);
            } else if (e instanceof ExperimentEvent.ScalingPointDone p && Double.isFinite(p.row().stableRate())) {
                storedStable.put(new RowKey(p.n(), p.seed(), p.richness()), p.row().stableRate());
            }
        }
        return touched;
    }

    /** How the chooser names a network. */
    static String label(UnitKey u) {
        String s = String.format(Locale.ROOT, "n = %d, seed %d", u.n(), u.seed());
        return s + (Double.isNaN(u.richness()) ? "" : ", α = " + ShortestDecimal.of(u.richness()))
                + ", width " + u.width();
    }

    Shown show(UnitKey u) {
        Map<Curve, List<double[]>> out = new EnumMap<>(Curve.class);
        int max = 0;
        for (Curve c : Curve.values()) {
            out.put(c, new ArrayList<>());
        }
        for (ExperimentEvent.EpochDone d : curves.getOrDefault(u, List.of())) {
            for (Curve c : Curve.values()) {
                add(out.get(c), d.epoch(), c.of(d));
            }
            max = Math.max(max, d.epoch());
        }
        List<double[]> marks = new ArrayList<>();
        for (ExperimentEvent.LossSpike sp : spikes.getOrDefault(u, List.of())) {
            add(marks, sp.epoch(), sp.loss());
        }
        return new Shown(out, marks, max, String.format(Locale.ROOT, "%s: loss and error at each evaluation%s.%s%s",
                label(u), curves.size() > 1 ? " (" + curves.size() + " networks)" : "", stableCaption(u),
                spikeCaption(u)));
    }

    private static void add(List<double[]> points, double x, double y) {
        if (Double.isFinite(y)) {
            points.add(new double[] {x, y});
        }
    }

    /** The eNTK's largest stable learning rate as the reference for this network's rate (docs/science.md). */
    String stableCaption(UnitKey u) {
        ExperimentEvent.StableRateEstimated r = stable.get(u);
        if (r != null && Double.isFinite(r.bound())) {
            return String.format(Locale.ROOT, " Largest stable learning rate ≈ %.3g (eNTK at initialisation); this "
                    + "network's rate %.3g is %.2f× it%s.", r.bound(), r.learningRate(), r.multiple(),
                    r.multiple() > 2 ? ", above twice the bound" : "");
        }
        Double stored = storedStable.get(new RowKey(u.n(), u.seed(), u.richness()));
        return stored == null ? "" : String.format(Locale.ROOT, " Largest stable learning rate ≈ %.3g (eNTK at "
                + "initialisation).", stored);
    }

    private String spikeCaption(UnitKey u) {
        List<ExperimentEvent.LossSpike> list = spikes.getOrDefault(u, List.of());
        if (list.isEmpty()) {
            return "";
        }
        ExperimentEvent.LossSpike first = list.get(0);
        return String.format(Locale.ROOT, " %s: the training loss rose to %.3g× its start at step %d%s (marked).",
                first.recovered() ? "Catapult" : "Loss spike", first.ratio(), first.step(),
                first.recovered() ? " and fell back" : "");
    }

    /** The networks with curves, in the order they appeared. */
    List<UnitKey> units() {
        return List.copyOf(curves.keySet());
    }

    boolean isEmpty() {
        return curves.isEmpty();
    }

    void clear() {
        curves.clear();
        stable.clear();
        storedStable.clear();
        spikes.clear();
    }
}
