package org.ntkexplorer.core.experiment.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.ntkexplorer.core.scaling.PairedDifference;
import org.ntkexplorer.core.scaling.PowerLawFit;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.scaling.ScalingPoint;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.FlowRow;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;

/**
 * What a richness study shows (docs/science.md, §Richness), gathered from its rows and fits: per richness α the
 * network's data-scaling exponent with its interval, the eNTK-at-initialisation exponent, the kernel movement
 * averaged over n and seeds, and whether the run agrees with what theory says at the two ends of the dial. The lazy
 * end is compared with the eNTK's gradient flow over the network's own steps ({@link FlowRow}).
 */
public final class RichnessTable {
    /** The network's fitted exponent at one richness, with the networks that hit their step cap. */
    public record Exponent(double richness, PowerLawFitResult fit, List<String> notConverged) {
    }

    /** Kernel movement at one richness: mean and sample standard deviation over every n and seed. */
    public record Movement(double richness, double mean, double sd, int count) {
    }

    private final Map<Double, List<Double>> movement = new TreeMap<>();
    private final Map<Metric, Map<Double, Exponent>> exponents = new TreeMap<>();
    private final Map<Metric, PowerLawFitResult> kernel = new TreeMap<>();
    private final java.util.Set<Long> seeds = new java.util.TreeSet<>();
    /** The networks' rows by α, and the eNTK flow's rows by α, for the lazy end's paired comparison. */
    private final Map<Double, List<ResultRow>> networks = new TreeMap<>();
    private final Map<Double, List<FlowRow>> flows = new TreeMap<>();

    public void add(ResultRow r) {
        if (r.learner() == Learner.NETWORK && !Double.isNaN(r.richness())) {
            networks.computeIfAbsent(r.richness(), k -> new ArrayList<>()).add(r);
            if (Double.isFinite(r.kernelMovement())) {
                movement.computeIfAbsent(r.richness(), k -> new ArrayList<>()).add(r.kernelMovement());
                seeds.add(r.seed());
            }
        }
    }

    /** A row of lazy-flow.csv: the eNTK's gradient flow over a network's steps. */
    public void add(FlowRow r) {
        flows.computeIfAbsent(r.richness(), k -> new ArrayList<>()).add(r);
    }

    /**
     * Network α − eNTK-flow α at richness {@code a}, paired over the same n and seed (bootstrap over seeds); null
     * without flow rows at two sizes.
     */
    public PairedDifference lazyDifference(double a, Metric metric) {
        List<ScalingPoint> net = new ArrayList<>();
        for (ResultRow r : networks.getOrDefault(a, List.of())) {
            net.add(new ScalingPoint(r.n(), r.seed(), metric.of(r)));
        }
        List<ScalingPoint> flow = new ArrayList<>();
        for (FlowRow r : flows.getOrDefault(a, List.of())) {
            flow.add(new ScalingPoint(r.n(), r.seed(), metric == Metric.TEST_ERROR ? r.testError()
                    : r.testMse()));
        }
        return PairedDifference.of(net, flow, Claims.RESAMPLES, PowerLawFit.DEFAULT_LEVEL, 0);
    }

    public void fit(FitKey.OfLearner key, FitEntry entry) {
        if (key.learner() == Learner.NETWORK && !Double.isNaN(key.richness())) {
            exponents.computeIfAbsent(key.metric(), m -> new TreeMap<>())
                    .put(key.richness(), new Exponent(key.richness(), entry.fit(), entry.notConverged()));
        } else if (key.learner() == Learner.ENTK_INIT) {
            kernel.put(key.metric(), entry.fit());
        }
    }

    /** The network's exponents in increasing α. */
    public List<Exponent> exponents(Metric metric) {
        return new ArrayList<>(exponents.getOrDefault(metric, Map.of()).values());
    }

    /** The eNTK-at-initialisation exponent, null before it has two sizes. */
    public PowerLawFitResult kernelExponent(Metric metric) {
        return kernel.get(metric);
    }

    /** Kernel movement in increasing α. */
    public List<Movement> movement() {
        List<Movement> out = new ArrayList<>();
        movement.forEach((a, v) -> {
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            out.add(new Movement(a, mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0, v.size()));
        });
        return out;
    }

    /** α as a person writes it: 0.1, 10, 1000. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    public boolean isEmpty() {
        return movement.isEmpty() && exponents.isEmpty() && kernel.isEmpty();
    }

    public void clear() {
        movement.clear();
        exponents.clear();
        kernel.clear();
        seeds.clear();
        networks.clear();
        flows.clear();
    }

    /**
     * How this run compares with theory, one sentence per end of the dial and one on the kernel's movement. Words
     * of agreement or disagreement need intervals, so with one seed at some n each line gives its numbers and
     * "needs ≥ 2 seeds" instead. The lazy end is compared with the eNTK's gradient flow stopped after the network's
     * own steps (lazy-flow.csv), which is what a lazy network follows: the paired difference of their exponents over
     * seeds either includes 0 (agreement) or not. Without flow rows (a run made before them, or without the eNTK) the
     * line reports how far the kernel moved and gives no verdict: ridgeless regression, the flow's end point, is not
     * where a network that stops at its stopping rule gets to, even in the lazy limit. Empty while the run has too
     * little to say.
     */
    public List<String> verdict(Metric metric) {
        return verdict(metric, false);
    }

    /**
     * The lines as above; {@code flowPending} when the run is still going and will write the flow rows the lazy end
     * lacks (a live run whose spec has the flow): the line then says the flow is not there yet rather than that the
     * run has none.
     */
    public List<String> verdict(Metric metric, boolean flowPending) {
        List<String> out = new ArrayList<>();
        List<Exponent> ex = exponents(metric);
        PowerLawFitResult k = kernelExponent(metric);
        Map<Double, Movement> moved = new TreeMap<>();
        movement().forEach(m -> moved.put(m.richness(), m));
        if (!ex.isEmpty() && k != null) {
            Exponent lazy = ex.get(ex.size() - 1);
            Movement lazyMoved = moved.get(lazy.richness());
            String movedWords = lazyMoved == null ? "" : String.format(Locale.ROOT, "; its kernel moved %.3g",
                    lazyMoved.mean());
            PairedDifference d = lazyDifference(lazy.richness(), metric);
            String head = String.format(Locale.ROOT, "Lazy end, α = %s: network exponent %s", plain(lazy.richness()),
                    exponent(lazy.fit()));
            if (d == null) {
                out.add(String.format(Locale.ROOT, "%s, eNTK regression %s%s. No verdict%s", head, exponent(k),
                        movedWords, flowPending ? " yet: the run has not reached the eNTK gradient flow over the "
                        + "networks' steps at this α (it comes after each network)"
                        : ": this run has no eNTK gradient flow over the networks' steps to compare with"));
            } else if (d.fewest() < 2) {
                out.add(String.format(Locale.ROOT, "%s%s; network − eNTK gradient flow over the same steps: %.3f "
                        + "(%s for a verdict)", head, movedWords, d.value(), PowerLawFitResult.NEEDS_SEEDS));
            } else {
                boolean agrees = d.low() <= 0 && d.high() >= 0;
                out.add(String.format(Locale.ROOT, "%s%s; network − eNTK gradient flow over the same steps: "
                        + "%.3f [%.3f, %.3f]: %s", head, movedWords, d.value(), d.low(), d.high(), agrees
                        ? "not distinguishable, as the lazy limit predicts"
                        : "they differ: the networks do not follow their eNTK's gradient flow here (kernel "
                        + "movement, minibatch noise or the step size)"));
            }
            if (ex.size() > 1) {
                Exponent rich = ex.get(0);
                String words;
                if (rich.fit().hasInterval() && k.hasInterval()) {
                    boolean differs = rich.fit().ciLow() > k.ciHigh() || rich.fit().ciHigh() < k.ciLow();
                    words = differs ? "differs from the eNTK's" : "not distinguishable from the eNTK's in this run";
                } else {
                    words = "comparing it with the eNTK's " + PowerLawFitResult.NEEDS_SEEDS + " at every n";
                }
                out.add(String.format(Locale.ROOT, "Rich end, α = %s: network exponent %s: %s",
                        plain(rich.richness()), exponent(rich.fit()), words));
            }
        }
        List<Movement> m = movement();
        if (m.size() > 1) {
            Movement small = m.get(0);
            Movement large = m.get(m.size() - 1);
            String words = seeds.size() < 2 ? "a trend " + PowerLawFitResult.NEEDS_SEEDS
                    : large.mean() < small.mean() ? "falls as α grows, as theory predicts"
                    : "does not fall as α grows, against theory";
            out.add(String.format(Locale.ROOT, "Kernel movement %.3g at α = %s, %.3g at α = %s: %s", small.mean(),
                    plain(small.richness()), large.mean(), plain(large.richness()), words));
        }
        return out;
    }

    /** "0.123 [0.100, 0.150]", or "0.123 (needs ≥ 2 seeds for an interval)". */
    private static String exponent(PowerLawFitResult f) {
        return f.describe();
    }
}
