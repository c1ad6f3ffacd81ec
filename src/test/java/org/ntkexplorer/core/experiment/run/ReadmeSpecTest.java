package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** The spec example in the README is read, parsed, checked against the bundled data and run, so it cannot rot. */
class ReadmeSpecTest {
    @TempDir
    Path dir;

    /** The indented JSON block of the "### Experiments" section. */
    static String readmeSpec() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int section = lines.indexOf("### Experiments");
        assertTrue(section >= 0, "README.md has no ### Experiments section");
        int start = section;
        while (start < lines.size() && !lines.get(start).startsWith("    {")) {
            start++;
        }
        assertTrue(start < lines.size(), "no indented JSON spec after ### Experiments in README.md");
        int end = start;
        while (end < lines.size() && !lines.get(end).strip().endsWith("}")) {
            end++;
        }
        assertTrue(end < lines.size(), "the README's JSON spec after ### Experiments never closes");
        return lines.subList(start, end + 1).stream().map(String::strip).collect(Collectors.joining("\n"));
    }

    @Test
    void readmeSpecRunsOnTheBundledSample() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(readmeSpec());
        assertEquals(DatasetRegistry.SAMPLE, spec.dataset());
        assertDoesNotThrow(() -> Preflight.check(spec, DatasetRegistry.open(spec.dataset())));
    }

    /**
     * The exact block runs to the end: an earlier example (width 512, rate 0.01) was 8.5× its largest stable learning
     * rate and diverged at step 6. Every network's rate must stay below the bound the eNTK predicts for it.
     */
    @Test
    @Tag("slow") // 93 s on two loaded cores
    void readmeSpecRunsAsWritten() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(readmeSpec());
        List<ExperimentEvent> events = ExperimentRunnerTest.run(spec, RunFolder.create(dir.resolve("run"), spec),
                TaskMonitor.NONE);
        for (ExperimentEvent e : events) {
            assertTrue(!(e instanceof ExperimentEvent.Failed), () -> "the README spec failed: "
                    + ((ExperimentEvent.Failed) e).reason());
            if (e instanceof ExperimentEvent.StableRateEstimated s) {
                assertTrue(s.multiple() < 1, s.unit().describe() + ": " + s.description());
            }
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof ExperimentEvent.Finished), "the run did not finish");
        assertTrue(events.stream().anyMatch(e -> e instanceof ExperimentEvent.StableRateEstimated));
        List<String> rows = Files.readAllLines(dir.resolve("run").resolve("results.csv"));
        assertTrue(rows.get(0).contains(",stable_lr,seconds"), rows.get(0));
    }
}
