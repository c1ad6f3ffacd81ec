package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;

import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.study.DemoRow;
import org.ntkexplorer.core.experiment.study.DemoStudy;

/** The window's side of the demo study ({@link DemoStudy}): a panel of its own listing each seed, and training. */
final class DemoStudyView implements StudyView {

    @Override
    public Study study() {
        return DemoStudy.SEED_SPREAD;
    }

    @Override
    public SplitPane layout(PanelGrid grid) {
        return PanelGrid.split(Orientation.HORIZONTAL, new double[] {0.5}, grid.own("seed-spread", SpreadPanel::new),
                grid.training);
    }

    /** Each seed's test error, one line per row of seed-spread.csv. */
    static final class SpreadPanel extends LivePanel {
        private final List<DemoRow> rows = new ArrayList<>();
        private final Label text = new Label();

        SpreadPanel() {
            super("Seed spread");
            setContent(text);
            setStudy(study());
        }

        @Override
        public String explanation() {
            return "The test error of one network per seed, trained alike: how much the seed alone moves it.";
        }

        @Override
        public Node exportNode() {
            return text;
        }

        @Override
        public void accept(List<ExperimentEvent> events) {
            for (ExperimentEvent e : events) {
                if (e instanceof ExperimentEvent.RowDone d && d.row() instanceof DemoRow r) {
                    rows.add(r);
                }
            }
            text.setText(String.join("\n", rows.stream().map(r -> String.format(Locale.ROOT, "seed %d: test error %.3f",
                    r.seed(), r.testError())).toList()));
        }

        @Override
        public void clear() {
            rows.clear();
            text.setText("");
        }

        @Override
        public boolean hasData() {
            return !rows.isEmpty();
        }

        @Override
        public void exportCsv(Path file) throws IOException {
            Files.writeString(file, text.getText());
        }

        String shownText() {
            return text.getText();
        }
    }
}
