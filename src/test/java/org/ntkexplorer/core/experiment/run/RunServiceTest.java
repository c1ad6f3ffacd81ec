package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** The run service checks a spec before it makes the folder, for a whole run and a shard alike. */
class RunServiceTest {
    @TempDir
    Path dir;

    private static final ExperimentSpec TOO_LARGE = ExperimentSpec.parse("""
            {"study": "scaling", "nGrid": [100, 1000000], "nTest": 50, "seeds": 1, "width": 16, "epochs": 1,
             "learners": ["network"]}""");

    @Test
    void aSpecFailingItsCheckGetsNoFolder() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> RunService.create(TOO_LARGE, dir.resolve("whole")));
        assertTrue(e.getMessage().contains("nGrid"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("whole")));
        assertThrows(InvalidSpecException.class, () -> RunService.createShard(TOO_LARGE, dir.resolve("shard"), 0, 2));
        assertFalse(Files.exists(dir.resolve("shard")));
    }

    @Test
    void aRunLogsTheEstimateItWasCheckedAgainst() throws Exception {
        ExperimentSpec small = ExperimentSpec.parse("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [16, 32], "nTest": 20, "seeds": 1, "width": 8,
                 "epochs": 1, "learners": ["network", "nngp"]}""");
        try (RunFolder f = RunService.create(small, dir.resolve("ok"))) {
            String log = Files.readString(dir.resolve("ok/run.log"));
            assertTrue(log.contains("estimated peak of the largest step: ")
                    && log.contains(Preflight.estimate(small, org.ntkexplorer.core.data.DatasetRegistry.open(
                            small.dataset())).toString()), log);
            assertTrue(log.contains("; Java memory: " + org.ntkexplorer.core.compute.MemoryBudget.split()), log);
        }
    }
}
