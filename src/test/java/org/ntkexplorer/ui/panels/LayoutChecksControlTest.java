package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntkexplorer.ui.LayoutReport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;

/**
 * Positive controls for the layout checks the projector tests rely on: each is shown something deliberately cut and
 * must report it, so a check that cannot fail would fail here.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutChecksControlTest {
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    private void show(FxRobot robot, Parent root, double w, double h) {
        robot.interact(() -> {
            stage.setScene(new Scene(root, w, h));
            // The stage is shared with earlier tests, which may have sized it (1280×720): size it to this scene.
            stage.sizeToScene();
            stage.show();
        });
        settle(robot, root);
    }

    private static void settle(FxRobot robot, Parent root) {
        for (int i = 0; i < 3; i++) {
            robot.interact(() -> {
                root.applyCss();
                root.layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    @Test
    void aLabelNarrowerThanItsTextIsReportedElided(FxRobot robot) throws Exception {
        VBox root = onFx(() -> {
            Label cut = new Label("momentum with Nesterov's look-ahead");
            cut.setMaxWidth(60);
            return new VBox(cut, new Label("n"));
        });
        show(robot, root, 300, 100);
        List<String> elided = onFx(() -> LayoutReport.elidedTexts(root));
        assertTrue(elided.size() == 1 && elided.get(0).startsWith("\"momentum with Nesterov's look-ahead\" shown as"),
                elided.toString());
    }

    @Test
    void anAlphaTableCellNarrowerThanItsTextIsReported(FxRobot robot) throws Exception {
        AlphaTable table = onFx(AlphaTable::new);
        VBox root = onFx(() -> new VBox(table));
        show(robot, root, 700, 200);
        robot.interact(() -> table.show(java.util.Map.of(org.ntkexplorer.core.experiment.spec.Learner.NETWORK,
                new org.ntkexplorer.core.experiment.store.FitEntry(new org.ntkexplorer.core.scaling.PowerLawFitResult(
                        0.2183, 1, 0.84, 0.1577, 0.2781, 0.95, Double.NaN, Double.NaN, Double.NaN, 8), List.of()))));
        settle(robot, root);
        assertTrue(onFx(table::cellsFit), "the table as fitted shows every cell whole");
        robot.interact(() -> {
            var interval = table.getColumns().get(2);
            interval.setMinWidth(20);
            interval.setPrefWidth(20);
            interval.setMaxWidth(20);
        });
        settle(robot, root);
        assertFalse(onFx(table::cellsFit), "a 20 px interval column cuts \"[0.158, 0.278]\"");
    }

    /** A panel whose chart is wider than the panel: the ticks past the panel's edge are cut. */
    @Test
    void tickLabelsPastThePanelsEdgeAreReportedCut(FxRobot robot) throws Exception {
        CutPanel panel = onFx(() -> {
            XYChart chart = Charts.xy("n", false, "test error", false);
            DoubleDataSet data = new DoubleDataSet("points");
            data.set(new double[] {0, 250, 500, 750, 1000}, new double[] {0.5, 0.4, 0.3, 0.25, 0.2});
            chart.getDatasets().add(data);
            chart.setPrefSize(800, 300);
            // A plain Pane sizes the chart to its preferred 800 px whatever room the 300 px panel has.
            CutPanel p = new CutPanel(new javafx.scene.layout.Pane(chart));
            p.setMaxWidth(300);
            return p;
        });
        show(robot, panel, 300, 400);
        List<String> cut = onFx(() -> LayoutReport.clippedTickLabels(panel));
        String state = onFx(() -> {
            StringBuilder sb = new StringBuilder("panel " + panel.localToScene(panel.getLayoutBounds()));
            for (javafx.scene.Node n : panel.lookupAll(".chart")) {
                if (n instanceof XYChart c) {
                    for (var ax : c.getAxes()) {
                        var aa = (io.fair_acc.chartfx.axes.spi.AbstractAxis) ax;
                        sb.append("; axis ").append(aa.getSide()).append(" len ").append(aa.getLength())
                                .append(" ticks ").append(aa.getTickMarks().size()).append(" visible ")
                                .append(aa.getTickLabelStyle().isVisible()).append(" scene ")
                                .append(aa.localToScene(aa.getLayoutBounds()));
                    }
                }
            }
            return sb.toString();
        });
        assertTrue(cut.stream().anyMatch(t -> t.contains("cut at the edge")), cut + " " + state);
    }

    private static final class CutPanel extends LivePanel {
        private final Node content;

        CutPanel(Node content) {
            super("Cut");
            this.content = content;
            setContent(content);
        }

        @Override
        public String explanation() {
            return "";
        }

        @Override
        public Node exportNode() {
            return content;
        }

        @Override
        public void accept(List<ExperimentEvent> events) {
        }

        @Override
        public void clear() {
        }

        @Override
        public boolean hasData() {
            return true;
        }

        @Override
        public void exportCsv(Path file) {
        }
    }
}
