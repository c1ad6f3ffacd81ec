package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.ui.panels.LivePanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.ntkexplorer.core.experiment.spec.Study;

/** One study's panels at a time: switching clears the previous study's series and hides panels it does not use. */
@ExtendWith(ApplicationExtension.class)
class StudySwitchTest {
    @TempDir
    static Path runs;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.open(stage, runs, 1600, 1000);
        window.openExample();
    }

    @AfterEach
    void stop() {
        window.close();
    }

    private Set<String> legend(FxRobot robot) {
        return robot.lookup(".legend-entry").queryAllAs(Label.class).stream().filter(Label::isVisible)
                .filter(Label::isManaged).filter(l -> l.getScene() != null).map(Label::getText).collect(Collectors.toSet());
    }

    @Test
    void switchingStudyClearsTheOldSeriesAndShowsOnlyTheNewStudysPanels(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        Windows.settle();
        assertEquals("training-set size n", window.driftPanel().xAxisName(), "drift per n in a scaling study");
        assertTrue(legend(robot).stream().anyMatch(s -> s.startsWith("network: α")), legend(robot).toString());

        robot.interact(() -> window.form().study.set(Study.DYNAMICS));
        Windows.settle();
        assertEquals(Study.DYNAMICS, window.grid().study());
        assertFalse(window.scalingPanel().getScene() != null, "no scaling panel in a dynamics study");
        for (LivePanel p : window.panels()) {
            assertFalse(p.hasData(), p.title() + " was cleared");
        }
        assertTrue(legend(robot).stream().noneMatch(s -> s.contains("α") || s.contains("entk")),
                "no scaling legend entries left: " + legend(robot));
        assertEquals("epoch", window.driftPanel().xAxisName());
        assertTrue(window.bannerText().startsWith("No dynamics run shown"), window.bannerText());

        robot.interact(() -> window.form().study.set(Study.WIDTH_SWEEP));
        Windows.settle();
        assertEquals(Set.of(window.widthPanel(), window.trainingPanel()), Set.copyOf(window.grid().shown()));
        assertTrue(window.widthPanel().getScene() != null && window.driftPanel().getScene() == null);

        Windows.openAndWait(window, ExampleRuns.first().orElseThrow());
        assertEquals(Study.SCALING, window.grid().study());
        assertTrue(window.scalingPanel().hasData() && window.scalingPanel().getScene() != null);
    }
}
