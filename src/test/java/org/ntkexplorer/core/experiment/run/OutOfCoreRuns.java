package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** What the tests of kernels on disk share: the mode and tile, results.csv's rows, a run cancelled at a stage. */
final class OutOfCoreRuns {
    private OutOfCoreRuns() {
    }

    /** Kernels on disk ({@code always}), in memory ({@code never}) or as memory allows, in tiles of 48. */
    static void outOfCore(String mode) {
        System.setProperty(OutOfCoreKernels.MODE_PROPERTY, mode);
        System.setProperty(OutOfCoreKernels.TILE_PROPERTY, "48");
    }

    static void clear() {
        System.clearProperty(OutOfCoreKernels.MODE_PROPERTY);
        System.clearProperty(OutOfCoreKernels.TILE_PROPERTY);
    }

    /** results.csv's rows without their timing column, sorted. */
    static java.util.List<String> results(Path runDir) throws Exception {
        return java.nio.file.Files.readAllLines(runDir.resolve("results.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).sorted().toList();
    }

    /** Runs {@code spec} in {@code dir} until {@code stage} is reported, and checks that it was. */
    static void cancelAt(ExperimentSpec spec, Path dir, String stage) throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        TaskMonitor monitor = new TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        try (RunFolder folder = RunFolder.create(dir, spec)) {
            new ExperimentRunner(spec, folder, e -> {
                if (e instanceof ExperimentEvent.Progress p && p.stage().contains(stage)) {
                    cancel.set(true);
                }
            }, monitor).run();
        }
        assertTrue(cancel.get(), "never reached " + stage);
    }
}
