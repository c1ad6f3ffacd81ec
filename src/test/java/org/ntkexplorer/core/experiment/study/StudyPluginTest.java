package org.ntkexplorer.core.experiment.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ntkexplorer.core.experiment.run.ExperimentRunnerTest;
import org.ntkexplorer.core.experiment.run.RunFolderRecoveryTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.RunMerge;
import org.ntkexplorer.core.experiment.run.RunReplay;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.Studies;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * A study added from outside the core's files ({@link DemoStudy}: a definition, a row type and a preset) runs through
 * the ordinary runner, writes its own table, resumes without redoing a unit, replays and merges.
 */
class StudyPluginTest {
    @TempDir
    Path dir;

    static ExperimentSpec preset() throws Exception {
        try (InputStream in = StudyPluginTest.class.getResourceAsStream("/org/ntkexplorer/demo-study.json")) {
            return ExperimentSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<DemoRow> rows(List<ExperimentEvent> events) {
        return events.stream().filter(e -> e instanceof ExperimentEvent.RowDone).map(e -> (DemoRow) ((ExperimentEvent.RowDone) e).row())
                .toList();
    }

    @Test
    void aRegisteredStudyRunsWritesItsRowsAndReplaysThem() throws Exception {
        try (AutoCloseable registered = Studies.register(new DemoStudy())) {
            ExperimentSpec spec = preset();
            assertEquals(DemoStudy.SEED_SPREAD, spec.study());
            assertEquals(spec.toJson(), ExperimentSpec.parse(spec.toJson()).toJson());
            List<ExperimentEvent> events = ExperimentRunnerTest.run(spec, RunFolder.create(dir.resolve("a"), spec),
                    TaskMonitor.NONE);
            assertTrue(events.get(events.size() - 1) instanceof ExperimentEvent.Finished,
                    events.get(events.size() - 1).toString());
            List<DemoRow> live = rows(events);
            assertEquals(List.of(0L, 1L, 2L), live.stream().map(DemoRow::seed).toList());
            assertTrue(live.stream().allMatch(r -> r.testError() >= 0 && r.testError() <= 1 && r.steps() > 0),
                    live.toString());
            assertEquals(1 + 3, Files.readAllLines(dir.resolve("a/seed-spread.csv")).size());
            assertEquals(3, RunFolder.open(dir.resolve("a")).finishedUnits().size());

            // Replayed as saved: the file keeps six significant digits of the live figures.
            List<DemoRow> saved = RunFolder.open(dir.resolve("a")).table(DemoRow.SCHEMA).read();
            assertEquals(saved, rows(RunReplay.of(RunFolder.open(dir.resolve("a")))));
            for (int i = 0; i < live.size(); i++) {
                assertEquals(live.get(i).seed(), saved.get(i).seed());
                assertEquals(live.get(i).testMse(), saved.get(i).testMse(), 1e-5 * live.get(i).testMse());
            }

            // Continuing a finished run computes nothing again.
            List<ExperimentEvent> again = ExperimentRunnerTest.run(spec, RunFolder.resume(dir.resolve("a")),
                    TaskMonitor.NONE);
            assertEquals(List.of(), rows(again));
            assertEquals(1 + 3, Files.readAllLines(dir.resolve("a/seed-spread.csv")).size());

            // Two shards merge into what one process wrote.
            for (int i = 0; i < 2; i++) {
                ExperimentRunnerTest.run(spec, RunFolder.createShard(dir.resolve("s" + i), spec, i, 2),
                        TaskMonitor.NONE);
            }
            RunMerge.merge(List.of(dir.resolve("s0"), dir.resolve("s1")), dir.resolve("m"), false);
            assertEquals(Files.readAllLines(dir.resolve("a/seed-spread.csv")),
                    Files.readAllLines(dir.resolve("m/seed-spread.csv")));
        }
    }

    @Test
    void anUnregisteredStudyIsRefusedByName() throws Exception {
        AutoCloseable registered = Studies.register(new DemoStudy());
        assertThrows(IllegalArgumentException.class, () -> Studies.register(new DemoStudy()),
                "one definition per study id");
        registered.close();
        InvalidSpecException e = assertThrows(InvalidSpecException.class, StudyPluginTest::preset);
        assertTrue(e.getMessage().contains("unknown study 'seed-spread'"), e.getMessage());
        assertTrue(e.getMessage().contains("width-sweep or richness"), e.getMessage());
    }
}
