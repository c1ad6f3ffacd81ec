package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.ntkexplorer.core.experiment.spec.Study;

/** Choosing a study whose fields need attention opens the sections holding them and shows the first one. */
@ExtendWith(ApplicationExtension.class)
class FormRevealTest {
    @TempDir
    static Path runs;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.open(stage, runs, 1280, 720);
        window.setFormShown(true);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void choosingAStudyOpensEverySectionWithAMarkedFieldAndScrollsToTheFirst(FxRobot robot) throws Exception {
        assertFalse(window.formView().advancedExpanded());
        robot.interact(() -> window.form().study.set(Study.RICHNESS));
        Windows.settle();
        assertFalse(window.form().problems().isEmpty(), "the richness study's fields need attention here");
        Node first = window.formView().firstProblem();
        assertNotNull(first);
        assertTrue(window.formView().advancedExpanded() || window.form().problems().keySet().stream()
                .noneMatch(f -> isAdvanced(window, f)), "the Advanced section holding a marked field is open");
        ScrollPane scroll = (ScrollPane) window.stage().getScene().lookup("#form-scroll");
        Bounds viewport = scroll.localToScene(scroll.getLayoutBounds());
        Bounds field = first.localToScene(first.getLayoutBounds());
        assertTrue(field.getMinY() >= viewport.getMinY() - 1 && field.getMaxY() <= viewport.getMaxY() + 1,
                "the first marked field is in view: " + field + " in " + viewport + ", problems "
                + window.form().problems());
    }

    private static boolean isAdvanced(MainWindow w, org.ntkexplorer.ui.form.FormField f) {
        Node advanced = w.stage().getScene().lookup("#form-advanced");
        for (Node n = w.stage().getScene().lookup("#field-" + f.key()); n != null; n = n.getParent()) {
            if (n == advanced) {
                return true;
            }
        }
        return false;
    }
}
