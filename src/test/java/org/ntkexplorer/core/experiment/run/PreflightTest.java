package org.ntkexplorer.core.experiment.run;

import java.nio.file.Path;
import java.nio.file.Files;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.SystemMemory;
import org.ntkexplorer.core.compute.MemoryBudget;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.compute.InsufficientMemoryException;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.DataSpec;
import org.ntkexplorer.core.experiment.spec.KernelSpec;
import org.ntkexplorer.core.experiment.spec.NetworkChoice;
import org.ntkexplorer.core.experiment.spec.SampleSizes;
import org.ntkexplorer.core.experiment.spec.StudyParams;
import org.ntkexplorer.core.experiment.spec.TrainingChoice;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.spec.Study;

/** Every problem a run would meet is reported before it starts; impossible sizes are refused within seconds. */
class PreflightTest {
    private static final DatasetSource SAMPLE = DatasetRegistry.open(DatasetRegistry.SAMPLE);
    /** Generous: the refusal must not wait for an allocation; the JVM may be busy with other tests. */
    private static final double REFUSAL_SECONDS = 5;

    private static ExperimentSpec spec(String json) {
        return ExperimentSpec.parse(json);
    }

    /** Runs the check and returns what it threw, asserting it answered within {@link #REFUSAL_SECONDS}. */
    private static <T extends Throwable> T refusedQuickly(Class<T> type, Supplier<ExperimentSpec> spec) {
        long start = System.nanoTime();
        T e = assertThrows(type, () -> Preflight.check(spec.get(), SAMPLE));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < REFUSAL_SECONDS, "refused after " + seconds + " s");
        return e;
    }

    @Test
    void everyPresetPassesOnTheBundledData(@TempDir Path dir) throws java.io.IOException {
        // On a machine with 16 GiB free, whatever else runs on this one now: the check reads MemAvailable.
        Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("proc/meminfo"), "MemTotal: 25165824 kB\nMemFree: 1000 kB\n"
                + "MemAvailable: 16777216 kB\n");
        SystemMemory previous = MemoryBudget.useSystemMemory(new SystemMemory(dir));
        try {
            // Presets on the whole dataset (scaling-mlp-60k) need it installed and a bigger machine; the README
            // gives their measured memory.
            for (Presets.Preset p : Presets.all().stream().filter(p -> p.spec().dataset().endsWith("-sample"))
                    .toList()) {
                assertDoesNotThrow(() -> Preflight.check(p.spec(), DatasetRegistry.open(p.spec().dataset())),
                        p.name());
            }
        } finally {
            MemoryBudget.useSystemMemory(previous);
        }
    }

    @Test
    void sizesBeyondTheDataAreAllReportedAtOnce() {
        var e = refusedQuickly(InvalidSpecException.class, () -> spec("""
                {"study": "pretrained", "classes": [0, 1], "nGrid": [64, 2048, 4096], "nTest": 1000, "n0": 5000,
                 "learners": ["network", "entk-pretrained"]}"""));
        List<String> p = e.problems();
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("nTest = 1000 test examples"), p.get(0));
        assertTrue(p.get(1).startsWith("nGrid: n = 2048 training examples"), p.get(1));
        assertTrue(p.get(2).startsWith("nGrid: n = 4096"), p.get(2));
        assertTrue(p.get(3).startsWith("n0 (its examples are kept apart from the largest n of nGrid, so n0 + n must "
                + "fit): n = 9096"), p.get(3));
    }

    /** A spec whose architecture and learners clash is reported with its data problems, not one after the other. */
    @Test
    void architectureAndDataProblemsComeTogether() {
        ExperimentSpec s = new ExperimentSpec(Study.SCALING,
                new DataSpec(DatasetRegistry.SAMPLE, new int[] {0, 1}, Preprocessing.STANDARDIZE_CHANNELS),
                new SampleSizes(new int[] {64, 4096}, 100, 1),
                new NetworkChoice(Architecture.MYRTLE5, 2, 8, Activation.RELU, Parameterization.NTK, 1.4, 0.1,
                        org.ntkexplorer.core.model.Init.HE),
                new TrainingChoice(Optimizer.MOMENTUM, 0.1, 0.9, 16, org.ntkexplorer.core.model.TrainingBudget.ofEpochs(1),
                        0, LossKind.MSE, LearningRateSchedule.CONSTANT, false, Double.NaN),
                new KernelSpec(List.of(Learner.NETWORK, Learner.INFINITE_NTK), 20, 1e-4, Precision.FLOAT32, false, 100,
                        false), new StudyParams.None());
        var e = refusedQuickly(InvalidSpecException.class, () -> s);
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("infinite-ntk needs an MLP"), e.getMessage());
        assertTrue(e.problems().get(1).contains("n = 4096"), e.getMessage());
    }

    @Test
    void widthOfABillionIsRefusedWithItsEstimate() {
        var e = refusedQuickly(InsufficientMemoryException.class, () -> spec("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [64, 128], "nTest": 100, "seeds": 1,
                 "width": 1000000000, "epochs": 1}"""));
        assertTrue(e.getMessage().contains("width 1000000000") && e.getMessage().contains("GiB of memory")
                && e.getMessage().contains("network parameters"), e.getMessage());
        assertTrue(e.getMessage().contains("Use a smaller width"), e.getMessage());
    }

    @Test
    void widthSweepToAHundredMillionIsRefusedAtItsLargestWidth() {
        var e = refusedQuickly(InsufficientMemoryException.class, () -> spec("""
                {"study": "width-sweep", "classes": [0, 1], "nGrid": [128], "nTest": 100, "seeds": 1,
                 "widths": [64, 1024, 100000000], "epochs": 1}"""));
        assertTrue(e.getMessage().contains("width 100000000"), e.getMessage());
    }

    @Test
    void myrtleTenOfWidth4096IsRefused() {
        var e = refusedQuickly(InsufficientMemoryException.class, () -> spec("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [64, 128], "nTest": 100, "seeds": 1,
                 "architecture": "myrtle10", "width": 4096, "learners": ["network"]}"""));
        assertTrue(e.getMessage().contains("network parameters, gradients and optimiser state"), e.getMessage());
    }

    @Test
    void crossEntropyOnARegressionDatasetIsAProblem() {
        ExperimentSpec s = spec("""
                {"study": "scaling", "dataset": "teacher-student?size=400", "nGrid": [16, 32], "nTest": 40,
                 "loss": "xent", "learners": ["network"]}""");
        var e = assertThrows(InvalidSpecException.class,
                () -> Preflight.check(s, DatasetRegistry.open(s.dataset())));
        assertTrue(e.getMessage().contains("cross-entropy needs class labels"), e.getMessage());
    }
}
