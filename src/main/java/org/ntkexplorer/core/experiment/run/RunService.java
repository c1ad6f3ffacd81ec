package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.file.Path;

import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * How a run starts, the same from the window and the command line: the spec is checked against its dataset and the
 * memory first ({@link Preflight}), and only then is its folder made, so a run that cannot start leaves nothing
 * behind. A resumed run is checked too, and its folder released again when it cannot go on.
 */
public final class RunService {
    private RunService() {
    }

    /** A new run's folder, once the spec passed the preflight check (which throws what it finds). */
    public static RunFolder create(ExperimentSpec spec, Path dir) throws IOException {
        String estimate = checked(spec);
        RunFolder folder = RunFolder.create(dir, spec);
        folder.log(estimate);
        return folder;
    }

    /** A new folder for shard {@code index} of {@code count}, once the spec passed the preflight check. */
    public static RunFolder createShard(ExperimentSpec spec, Path dir, int index, int count) throws IOException {
        String estimate = checked(spec);
        RunFolder folder = RunFolder.createShard(dir, spec, index, count);
        folder.log(estimate);
        return folder;
    }

    /** An existing run, locked to continue it, once its spec passed the preflight check; unlocked if it did not. */
    public static RunFolder resume(Path dir) throws IOException {
        RunFolder folder = RunFolder.resume(dir);
        try {
            folder.log(checked(folder.spec()));
            return folder;
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /**
     * Runs the preflight check and says what it estimated, for run.log: the estimate is what a measured peak
     * (/usr/bin/time -v) is compared with.
     */
    private static String checked(ExperimentSpec spec) throws IOException {
        org.ntkexplorer.core.data.DatasetSource source = DatasetRegistry.open(spec.dataset());
        return "estimated peak of the largest step: " + Preflight.check(spec, source) + "; Java memory: "
                + org.ntkexplorer.core.compute.MemoryBudget.split();
    }
}
