package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** A run in a new folder, cancelled at the first progress event whose stage contains a given text. */
final class CancelledRun {
    private CancelledRun() {
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
