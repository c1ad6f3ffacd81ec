package org.ntkexplorer.core.experiment.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ntkexplorer.core.scaling.PairedDifference;
import org.ntkexplorer.core.scaling.PowerLawFit;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.scaling.ScalingPoint;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;

/**
 * Whether a run's results support the claim its study tests (docs/science.md, §The studies), from the differences of
 * the fitted exponents with 95 % bootstrap intervals over seeds ({@link PairedDifference}).
 * <ul>
 *   <li>Claim 1 (scaling): the network's α is larger than each kernel's.</li>
 *   <li>Claim 2 (pretrained): the kernel of a network pre-trained on n0 examples scales better than the kernel at
 *       initialisation, and still worse than the network.</li>
 * </ul>
 * A claim is supported when every interval lies above 0, contradicted when one lies below 0, and otherwise not
 * supported: the run cannot tell. With a single seed at some n there is no interval at all, and the run cannot test
 * the claim yet.
 */
public final class Claims {
    /** Bootstrap resamples of every paired difference of exponents (the richness study's lazy end too). */
    static final int RESAMPLES = 1000;

    public enum Verdict {
        SUPPORTS("supports"), DOES_NOT_SUPPORT("does not support"), CONTRADICTS("contradicts"),
        CANNOT_TEST("cannot yet test");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** α of {@code higher} minus α of {@code lower}, which the claim expects to be positive. */
    public record Difference(Learner higher, Learner lower, PairedDifference d) {
        public Verdict verdict() {
            if (d.fewest() < 2) {
                return Verdict.CANNOT_TEST;
            }
            return d.low() > 0 ? Verdict.SUPPORTS : d.high() < 0 ? Verdict.CONTRADICTS : Verdict.DOES_NOT_SUPPORT;
        }

        /** "network α − entk-init α = 0.080 [0.030, 0.130]" (no interval with one seed per n). */
        public String describe() {
            if (d.fewest() < 2) {
                return String.format(Locale.ROOT, "%s α − %s α = %.3f", higher.id(), lower.id(), d.value());
            }
            return String.format(Locale.ROOT, "%s α − %s α = %.3f [%.3f, %.3f]", higher.id(), lower.id(), d.value(),
                    d.low(), d.high());
        }
    }

    /** One claim checked on one metric. */
    public record Check(int claim, String statement, Metric metric, List<Difference> differences) {
        public Verdict verdict() {
            Verdict v = Verdict.SUPPORTS;
            if (differences.stream().anyMatch(d -> d.verdict() == Verdict.CANNOT_TEST)) {
                return Verdict.CANNOT_TEST;
            }
            for (Difference d : differences) {
                if (d.verdict() == Verdict.CONTRADICTS) {
                    return Verdict.CONTRADICTS;
                }
                if (d.verdict() == Verdict.DOES_NOT_SUPPORT) {
                    v = Verdict.DOES_NOT_SUPPORT;
                }
            }
            return v;
        }

        /** "supports claim 1" and the like. */
        public String verdictText() {
            return verdict().words() + " claim " + claim + (verdict() == Verdict.CANNOT_TEST
                    ? ": it " + PowerLawFitResult.NEEDS_SEEDS + " at every n" : "");
        }
    }

    private Claims() {
    }

    /** A study's claim, checked on the rows so far for one metric; empty while no difference can be fitted yet. */
    @FunctionalInterface
    public interface Rule {
        Optional<Check> check(List<ResultRow> rows, Metric metric);
    }

    /** Claim 1 (the scaling study): the network's α is larger than each kernel's. */
    public static Optional<Check> networkBeatsKernels(List<ResultRow> rows, Metric metric) {
        List<Difference> out = new ArrayList<>();
        for (Learner k : List.of(Learner.ENTK_INIT, Learner.ENTK_PRETRAINED, Learner.INFINITE_NTK, Learner.NNGP)) {
            add(out, rows, Learner.NETWORK, k, metric);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(new Check(1,
                "the network's α is larger than each kernel's", metric, out));
    }

    /** Claim 2 (the pretrained study): the pre-trained kernel lies between the initial kernel and the network. */
    public static Optional<Check> pretrainedInBetween(List<ResultRow> rows, Metric metric) {
        List<Difference> out = new ArrayList<>();
        add(out, rows, Learner.ENTK_PRETRAINED, Learner.ENTK_INIT, metric);
        add(out, rows, Learner.NETWORK, Learner.ENTK_PRETRAINED, metric);
        return out.isEmpty() ? Optional.empty() : Optional.of(new Check(2, "the pre-trained kernel's α is larger "
                + "than the initial kernel's and smaller than the network's", metric, out));
    }

    private static void add(List<Difference> out, List<ResultRow> rows, Learner higher, Learner lower,
                            Metric metric) {
        PairedDifference d = PairedDifference.of(points(rows, higher, metric), points(rows, lower, metric), RESAMPLES,
                PowerLawFit.DEFAULT_LEVEL, 0);
        if (d != null) {
            out.add(new Difference(higher, lower, d));
        }
    }

    private static List<ScalingPoint> points(List<ResultRow> rows, Learner l, Metric metric) {
        List<ScalingPoint> out = new ArrayList<>();
        for (ResultRow r : rows) {
            if (r.learner() == l && Double.isNaN(r.richness())) {
                out.add(new ScalingPoint(r.n(), r.seed(), metric.of(r)));
            }
        }
        return out;
    }
}
