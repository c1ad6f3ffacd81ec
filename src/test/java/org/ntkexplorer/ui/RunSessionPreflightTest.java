package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;

/** The window starts runs through the same service as the command line: a run that fails its check leaves no folder. */
@ExtendWith(ApplicationExtension.class)
class RunSessionPreflightTest {
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
    }

    @Test
    void aRunFailingPreflightLeavesNoFolder(FxRobot robot) throws Exception {
        ExperimentSpec tooLarge = ExperimentSpec.parse("""
                {"study": "scaling", "nGrid": [100, 1000000], "nTest": 50, "seeds": 1, "width": 16, "epochs": 1,
                 "learners": ["network"]}""");
        Path run = dir.resolve("run");
        List<ExperimentEvent> events = new CopyOnWriteArrayList<>();
        RunSession[] session = new RunSession[1];
        robot.interact(() -> {
            session[0] = new RunSession(1);
            session[0].addConsumer(events::addAll);
            session[0].start(tooLarge, run);
        });
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> events.stream().anyMatch(e -> e instanceof ExperimentEvent.Failed));
            ExperimentEvent.Failed f = (ExperimentEvent.Failed) events.stream()
                    .filter(e -> e instanceof ExperimentEvent.Failed).findFirst().orElseThrow();
            assertTrue(f.reason().contains("nGrid"), f.reason());
            assertFalse(Files.exists(run), "no folder for a run that could not start");
        } finally {
            robot.interact(() -> session[0].close());
        }
    }
}
