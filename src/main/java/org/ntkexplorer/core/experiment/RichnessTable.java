package org.ntkexplorer.core.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.ntkexplorer.core.scaling.PowerLawFitResult;

/**
 * What a richness study shows (docs/science.md, §Richness), gathered from its rows and fits: per richness α the
 * network's data-scaling exponent with its interval, the eNTK-at-initialisation exponent, the kernel movement
 * averaged over n and seeds, and whether the run agrees with what theory says at the two ends of the dial.
 */
public final class RichnessTable {
    /** The network's fitted exponent at one richness, with the networks that hit their step cap. */
    public record Exponent(double richness, PowerLawFitResult fit, List<String> notConverged) {
    }

    /** Kernel movement at one richness: mean and sample standard deviation over every n and seed. */
    public record Movement(double richness, double mean, double sd, int count) {
    }

    private final Map<Double, List<Double>> movement = new TreeMap<>();
    private final Map<ScalingTable.Metric, Map<Double, Exponent>> exponents = new TreeMap<>();
    private final Map<ScalingTable.Metric, PowerLawFitResult> kernel = new TreeMap<>();
    private final java.util.Set<Long> seeds = new java.util.TreeSet<>();

    public void add(ResultRow r) {
        if (r.learner() == Learner.NETWORK && !Double.isNaN(r.richness()) && Double.isFinite(r.kernelMovement())) {
            movement.computeIfAbsent(r.richness(), k -> new ArrayList<>()).add(r.kernelMovement());
            seeds.add(r.seed());
        }
    }

    public void fit(FitKey.OfLearner key, Fits.Entry entry) {
        if (key.learner() == Learner.NETWORK && !Double.isNaN(key.richness())) {
            exponents.computeIfAbsent(key.metric(), m -> new TreeMap<>())
                    .put(key.richness(), new Exponent(key.richness(), entry.fit(), entry.notConverged()));
        } else if (key.learner() == Learner.ENTK_INIT) {
            kernel.put(key.metric(), entry.fit());
        }
    }

    /** The network's exponents in increasing α. */
    public List<Exponent> exponents(ScalingTable.Metric metric) {
        return new ArrayList<>(exponents.getOrDefault(metric, Map.of()).values());
    }

    /** The eNTK-at-initialisation exponent, null before it has two sizes. */
    public PowerLawFitResult kernelExponent(ScalingTable.Metric metric) {
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
    }

    /**
     * How this run compares with theory, one sentence per end of the dial and one on the kernel's movement. Words
     * of agreement or disagreement need intervals, so with one seed at some n each line gives its numbers and
     * "needs ≥ 2 seeds" instead. The lazy end gives no verdict at all: the eNTK line is ridgeless regression, the
     * end point of the kernel's gradient flow, while each network stops at its stopping rule after a finite number
     * of steps, so the two need not agree even in the lazy limit; the line reports how far the kernel moved.
     * Empty while the run has too little to say.
     */
    public List<String> verdict(ScalingTable.Metric metric) {
        List<String> out = new ArrayList<>();
        List<Exponent> ex = exponents(metric);
        PowerLawFitResult k = kernelExponent(metric);
        Map<Double, Movement> moved = new TreeMap<>();
        movement().forEach(m -> moved.put(m.richness(), m));
        if (!ex.isEmpty() && k != null) {
            Exponent lazy = ex.get(ex.size() - 1);
            Movement lazyMoved = moved.get(lazy.richness());
            out.add(String.format(Locale.ROOT, "Lazy end, α = %s: network exponent %s, eNTK %s%s. No verdict: the "
                            + "eNTK is regressed to its end point, while each network stopped at its stopping rule",
                    plain(lazy.richness()), exponent(lazy.fit()), exponent(k),
                    lazyMoved == null ? "" : String.format(Locale.ROOT, "; its kernel moved %.3g", lazyMoved.mean())));
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
        return f.hasInterval() ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", f.alpha(), f.ciLow(), f.ciHigh())
                : String.format(Locale.ROOT, "%.3f (%s for an interval)", f.alpha(), PowerLawFitResult.NEEDS_SEEDS);
    }
}
