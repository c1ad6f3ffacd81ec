package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** Loss spikes are saved in spikes.csv and a reopened run sends them again, as the live run did. */
class SpikeReplayTest {
    @TempDir
    Path dir;

    private static ExperimentSpec spec(double rate) {
        return ExperimentSpec.parse(String.format(Locale.ROOT, """
                {"study": "scaling", "classes": [0, 1, 2], "nGrid": [24, 32], "nTest": 30, "seeds": 1, "depth": 1,
                 "width": 64, "steps": 40, "batchSize": 32, "optimizer": "sgd", "learningRate": %s,
                 "learners": ["network"]}""", rate));
    }

    private static List<ExperimentEvent.LossSpike> spikes(List<ExperimentEvent> events) {
        return events.stream().filter(e -> e instanceof ExperimentEvent.LossSpike)
                .map(e -> (ExperimentEvent.LossSpike) e).toList();
    }

    @Test
    void spikesOfALiveRunAreSavedAndReplayed() throws Exception {
        // The bound first, from a run well below any plausible one; then full-batch steps at 3× it, where the ReLU
        // networks of docs/science.md's table all went through a catapult.
        ExperimentSpec probe = spec(1e-4);
        ExperimentRunnerTest.run(probe, RunFolder.create(dir.resolve("probe"), probe), TaskMonitor.NONE);
        // A run without spikes replays none (and a folder from before spikes.csv reads the same way).
        assertTrue(spikes(RunReplay.of(RunFolder.open(dir.resolve("probe")))).isEmpty());
        double bound = RunFolder.open(dir.resolve("probe")).results().stream()
                .filter(r -> r.learner() == Learner.NETWORK).mapToDouble(ResultRow::stableRate).min().orElseThrow();
        assertTrue(bound > 0, "a bound for plain SGD");
        ExperimentSpec spec = spec(3 * bound);
        List<ExperimentEvent.LossSpike> live = spikes(ExperimentRunnerTest.run(spec,
                RunFolder.create(dir.resolve("r"), spec), TaskMonitor.NONE));
        assertFalse(live.isEmpty(), "a spike at 3× the bound");
        assertTrue(Files.isRegularFile(dir.resolve("r/spikes.csv")));
        List<ExperimentEvent.LossSpike> replayed = spikes(RunReplay.of(RunFolder.open(dir.resolve("r"))));
        assertEquals(live.size(), replayed.size());
        for (int i = 0; i < live.size(); i++) {
            ExperimentEvent.LossSpike a = live.get(i);
            ExperimentEvent.LossSpike b = replayed.get(i);
            assertEquals(a.unit(), b.unit());
            assertEquals(a.step(), b.step());
            assertEquals(a.recovered(), b.recovered());
            assertEquals(a.epoch(), b.epoch(), 1e-5 * a.epoch());
            // The file keeps 6 significant digits.
            assertEquals(a.ratio(), b.ratio(), 1e-5 * a.ratio());
            assertEquals(a.loss(), b.loss(), 1e-5 * a.loss());
        }
    }
}
