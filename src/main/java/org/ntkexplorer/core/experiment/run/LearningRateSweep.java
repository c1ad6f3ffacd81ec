package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.SubsetCheck;
import org.ntkexplorer.core.data.TrainingPartOnly;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.RowSchema;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * Chooses a spec's learning rate on held-out training data (docs/science.md, §Training protocol): for each rate, a
 * network of the spec is trained under the spec's protocol on n training examples and measured on examples held out
 * of the dataset's training part (never its test part). The rate with the lowest mean validation error wins; ties go
 * to the smaller rate. Networks run in a scratch run folder that is deleted afterwards.
 */
public final class LearningRateSweep {

    /** One rate: mean validation error and MSE over seeds, and how its networks trained. */
    /** @param stableRate the largest stable learning rate of the first network at initialisation (NaN for Adam) */
    public record Trial(double rate, double validationError, double validationMse, double trainError, long steps,
                        int converged, int networks, String diverged, double stableRate) {
        /** The rate as a multiple of the largest stable rate. */
        public double multipleOfStableRate() {
            return rate / stableRate;
        }
    }

    public record Result(int n, int validation, List<Trial> trials, double best) {
    }

    private LearningRateSweep() {
    }

    public static Result run(ExperimentSpec spec, double[] rates, int n, int validation, int seeds, TaskMonitor monitor,
                             Consumer<String> report) throws IOException {
        DatasetSource source = new TrainingPartOnly(DatasetRegistry.open(spec.dataset()));
        List<String> sizes = sizeProblems(spec, source, n, validation);
        if (!sizes.isEmpty()) {
            throw InvalidSpecException.ofMessages("Choosing the learning rate on " + spec.dataset(), sizes);
        }
        Path scratch = Files.createTempDirectory("ntk-lr-sweep");
        List<Trial> trials = new ArrayList<>();
        try {
            for (double rate : rates) {
                ExperimentSpec trial = spec.withTrial(rate, validation);
                Preflight.check(trial, source);
                trials.add(trial(trial, source, scratch.resolve("rate-" + trials.size()), n, seeds, monitor));
                report.accept(describe(trials.get(trials.size() - 1)));
            }
        } finally {
            delete(scratch);
        }
        // A rate whose networks stop at their cap without meeting the rule would give flagged networks in the study;
        // it wins only when no rate meets the rule.
        List<Trial> finished = trials.stream().filter(t -> t.diverged() == null).toList();
        List<Trial> converged = finished.stream().filter(t -> t.converged() == t.networks()).toList();
        double best = (converged.isEmpty() ? finished : converged).stream()
                .min(Comparator.comparingDouble(Trial::validationError).thenComparingDouble(Trial::rate))
                .map(Trial::rate).orElse(Double.NaN);
        return new Result(n, validation, trials, best);
    }

    private static Trial trial(ExperimentSpec spec, DatasetSource source, Path dir, int n, int seeds,
                               TaskMonitor monitor) throws IOException {
        double error = 0;
        double mse = 0;
        double trainError = 0;
        long steps = 0;
        int converged = 0;
        double[] stable = {Double.NaN};
        try (RunFolder folder = RunFolder.create(dir, spec)) {
            RunContext ctx = new RunContext(spec, folder, e -> {
                if (e instanceof ExperimentEvent.StableRateEstimated s && Double.isNaN(stable[0])) {
                    stable[0] = s.bound();
                }
            }, monitor, source);
            for (long seed = 0; seed < seeds; seed++) {
                PreparedSplit[] split = ctx.split(n, seed);
                UnitKey key = new UnitKey(n, spec.width(), seed, spec.richness());
                NetworkUnit unit = new NetworkUnit(key, ctx.network(spec.width(), split[0], seed,
                        spec.transform()), split[0], split[1]);
                TrainingOutcome out;
                try {
                    out = new TrainingLoop(ctx, false).train(unit, key.id(), null, new TrainingLoop.Hooks() { },
                            new double[] {0, 1});
                } catch (DivergedException e) {
                    return new Trial(spec.learningRate(), Double.NaN, Double.NaN, Double.NaN, -1, 0, seeds,
                            e.getMessage(), stable[0]);
                }
                error += out.test().error() / seeds;
                mse += out.test().mse() / seeds;
                trainError += out.trainError() / seeds;
                steps += out.steps();
                // Without a stopping rule there is nothing to miss.
                converged += out.converged() == null || out.converged() ? 1 : 0;
            }
        }
        return new Trial(spec.learningRate(), error, mse, trainError, steps / seeds, converged, seeds, null, stable[0]);
    }

    /**
     * Whether n training and {@code validation} held-out examples fit in the training part, in the sweep's own words:
     * the spec's nGrid and nTest play no part here, and the dataset's test part is left out on purpose, not missing.
     */
    static List<String> sizeProblems(ExperimentSpec spec, DatasetSource trainingPart, int n, int validation) {
        String dataset = trainingPart.spec();
        List<String> out = new ArrayList<>();
        for (String p : SubsetCheck.of(trainingPart).sizeProblems(spec.classes(), n, validation)) {
            out.add(p.replace("n = " + n + " training + nTest = " + validation + " test examples",
                            "n = " + n + " training + validation = " + validation + " held-out examples")
                    .replace("(" + dataset + " has no separate test part)", "(the training part of " + dataset
                            + ": its test part is never used to choose a rate)")
                    .replace(" test examples", " held-out examples"));
        }
        return out;
    }

    /** One line per trial, for the terminal and for preset help texts. */
    public static String describe(Trial t) {
        if (t.diverged() != null) {
            return String.format(java.util.Locale.ROOT, "rate %-8s diverged%s", RowSchema.num(t.rate()).trim(),
                    stable(t));
        }
        return String.format(java.util.Locale.ROOT, "rate %-8s validation error %.4f  MSE %.4f  train error %.4f  "
                + "%d steps%s%s", RowSchema.num(t.rate()).trim(), t.validationError(), t.validationMse(), t.trainError(),
                t.steps(), t.converged() < t.networks() ? ", " + (t.networks() - t.converged()) + " of " + t.networks()
                        + " missed the stopping rule" : "", stable(t));
    }

    /** "  (0.42× the largest stable learning rate ≈ 0.0238)", empty without an estimate. */
    private static String stable(Trial t) {
        return Double.isFinite(t.stableRate()) ? String.format(java.util.Locale.ROOT,
                "  (%.2f× the largest stable learning rate ≈ %.4g)", t.multipleOfStableRate(), t.stableRate()) : "";
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
