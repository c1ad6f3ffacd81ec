package org.ntkexplorer.ui.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.SampleData;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A file picked for the dataset becomes a dataset string that opens: images and labels, whichever was picked. */
@ExtendWith(ApplicationExtension.class)
class DatasetPickerTest {
    private FormView view;

    @Start
    void start(Stage stage) {
        view = new FormView(new FormModel());
        stage.setScene(new Scene(view, 400, 800));
        stage.show();
    }

    @Test
    void pickingAnIdxFileWritesAValidDatasetString(FxRobot robot) {
        Path dir = SampleData.locate().orElseThrow();
        for (String picked : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"}) {
            robot.interact(() -> view.datasetPicked(dir.resolve(picked)));
            String shown = robot.lookup("#field-dataset").lookup(".combo-box").queryAs(ComboBox.class).getEditor()
                    .getText();
            assertEquals("idx:" + dir.resolve("train-images-idx3-ubyte.gz") + "," + dir.resolve(
                    "train-labels-idx1-ubyte.gz"), shown, picked);
            assertNotNull(view.model().validate(), view.model().problems().toString());
            assertTrue(DatasetRegistry.open(shown).description().length() > 0);
        }
    }
}
