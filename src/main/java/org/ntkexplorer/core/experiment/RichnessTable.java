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

    public void add(ResultRow r) {
        if (r.learner() == Learner.NETWORK && !Double.isNaN(r.richness()) && Double.isFinite(r.kernelMovement())) {
            movement.computeIfAbsent(r.richness(), k -> new ArrayList<>()).add(r.kernelMovement());
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
    }

    /**
     * How this run compares with theory, one sentence per end of the dial: at the largest α (lazy) the network's
     * exponent should approach the eNTK's and the kernel stop moving; at the smallest α (rich) the kernel moves and
     * the exponent is free to differ. Empty while the run has too little to say.
     */
    public List<String> verdict(ScalingTable.Metric metric) {
        List<String> out = new ArrayList<>();
        List<Exponent> ex = exponents(metric);
        PowerLawFitResult k = kernelExponent(metric);
        if (!ex.isEmpty() && k != null) {
            Exponent lazy = ex.get(ex.size() - 1);
            boolean overlap = lazy.fit().ciLow() <= k.ciHigh() && k.ciLow() <= lazy.fit().ciHigh();
            out.add(String.format(Locale.ROOT, "Lazy end, α = %s: network exponent %.3f [%.3f, %.3f], eNTK %.3f "
                            + "[%.3f, %.3f]: %s", plain(lazy.richness()), lazy.fit().alpha(),
                    lazy.fit().ciLow(), lazy.fit().ciHigh(), k.alpha(), k.ciLow(), k.ciHigh(),
                    overlap ? "the intervals overlap, as the lazy limit predicts"
                            : "the intervals do not overlap, so this run has not reached the lazy limit"));
            if (ex.size() > 1) {
                Exponent rich = ex.get(0);
                boolean differs = rich.fit().ciLow() > k.ciHigh() || rich.fit().ciHigh() < k.ciLow();
                out.add(String.format(Locale.ROOT, "Rich end, α = %s: network exponent %.3f [%.3f, %.3f]: %s",
                        plain(rich.richness()), rich.fit().alpha(), rich.fit().ciLow(), rich.fit().ciHigh(),
                        differs ? "differs from the eNTK's" : "not distinguishable from the eNTK's in this run"));
            }
        }
        List<Movement> m = movement();
        if (m.size() > 1) {
            Movement small = m.get(0);
            Movement large = m.get(m.size() - 1);
            out.add(String.format(Locale.ROOT, "Kernel movement %.3g at α = %s, %.3g at α = %s: %s", small.mean(),
                    plain(small.richness()), large.mean(), plain(large.richness()),
                    large.mean() < small.mean() ? "falls as α grows, as theory predicts"
                            : "does not fall as α grows, against theory"));
        }
        return out;
    }
}
