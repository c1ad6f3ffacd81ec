package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.plugins.YRangeIndicator;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.Metric;


/**
 * The lazy–rich dial: on a log axis of the richness (the output scale), the network's data-scaling exponent with its interval against
 * the eNTK's exponent as a horizontal band, and how far the network's kernel moved in training.
 */
public final class RichnessPanel extends LivePanel {
    private final XYChart exponents = Charts.xy("richness (output scale)", true, "data-scaling exponent α", false);
    private final XYChart movement = Charts.xy("richness (output scale)", true, "kernel movement S(K₀, K_end)", true);
    private final DoubleErrorDataSet network = Charts.styled(new DoubleErrorDataSet("network"),
            Learner.NETWORK);
    private final DoubleDataSet kernel = Charts.styled(new DoubleDataSet("eNTK at init"), Charts.colour(Learner.ENTK_INIT),
            true);
    private final DoubleErrorDataSet moved = Charts.styled(new DoubleErrorDataSet("kernel movement (mean over n and "
            + "seeds)"), Charts.colour(Learner.NETWORK), false);
    private final ComboBox<Metric> metric = new ComboBox<>(FXCollections.observableArrayList(
            Metric.values()));
    private final RichnessModel model = new RichnessModel();
    private final Label verdict = new Label();
    private final ChartBox exponentsBox = new ChartBox(exponents);
    private final ChartBox movementBox = new ChartBox(movement);
    private final HBox charts = new HBox(4, exponentsBox, movementBox);
    private YRangeIndicator band;

    public RichnessPanel() {
        super("Lazy–rich dial");
        metric.setConverter(new StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : m.label();
            }

            @Override
            public Metric fromString(String s) {
                return null;
            }
        });
        metric.setValue(Metric.TEST_ERROR);
        metric.setTooltip(new Tooltip("Which test figure the exponents are fitted to"));
        metric.valueProperty().addListener((o, a, b) -> redraw());
        addTools(metric);
        HBox.setHgrow(exponentsBox, Priority.ALWAYS);
        HBox.setHgrow(movementBox, Priority.ALWAYS);
        exponentsBox.setPrefWidth(400);
        Charts.fitTitle(Charts.y(exponents), "data-scaling exponent α", "exponent α", "α");
        Charts.fitTitle(Charts.y(movement), "kernel movement S(K₀, K_end)", "kernel movement", "movement");
        movementBox.setPrefWidth(400);
        verdict.setWrapText(true);
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verdict.getStyleClass().add("claim-verdict");
        verdict.setId("richness-verdict");
        VBox body = new VBox(charts, verdict);
        VBox.setVgrow(charts, Priority.ALWAYS);
        setContent(body);
        clear();
        setStudy(study());
    }

    @Override
    public String explanation() {
        return "The network trained as r·(f − f₀) on L/r², for each richness r (the output scale) on a log axis. Left: "
                + "its data-scaling exponent α (of test figure ∝ n^(−α), with its 95 % interval) against the exponent "
                + "of kernel regression with its eNTK at initialisation, drawn as a horizontal band (its interval) with "
                + "a dashed line. Right: how far its probe kernel moved in training, mean over every n and seed. "
                + "Theory: at a large output scale the network is lazy, its exponent approaches the eNTK's and the "
                + "movement goes to 0; at a small one it is rich, the kernel moves and the exponent is free to differ. "
                + "The lines under the charts say whether this run agrees at both ends (the lazy end compared with the "
                + "eNTK's gradient flow over the networks' own steps, with ≥ 2 seeds); ✱ marks exponents with networks that hit their step cap.";
    }


    public void setMetric(Metric m) {
        metric.setValue(m);
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        if (model.accept(events)) {
            redraw();
        }
    }

    private void redraw() {
        RichnessModel.View v = model.view(metric.getValue());
        RichnessModel.Series ex = v.network();
        network.set(ex.x(), ex.y(), ex.low(), ex.high());
        network.setName(v.networkName());
        exponents.getPlugins().remove(band);
        band = null;
        if (v.kernelX() != null) {
            kernel.set(v.kernelX(), v.kernelY());
            kernel.setName(v.kernelName());
            if (v.band() != null) {
                band = new YRangeIndicator(Charts.y(exponents), v.band()[0], v.band()[1]);
                band.setEditable(false);
                exponents.getPlugins().add(band);
            }
        } else {
            kernel.clearData();
        }
        Charts.showIfData(Charts.points(exponents), network);
        Charts.showIfData(Charts.points(exponents), kernel);
        RichnessModel.Series mv = v.movement();
        moved.set(mv.x(), mv.y(), mv.low(), mv.high());
        Charts.showIfData(Charts.points(movement), moved);
        Charts.fitLogYToDecades(movement, List.of(moved));
        setLogX(exponents, v.exponentsRange());
        setLogX(movement, v.movementRange());
        exponentsBox.refresh();
        movementBox.refresh();
        verdict.setText(v.verdict());
        setCaption(v.caption());
    }

    private static void setLogX(XYChart chart, double[] range) {
        io.fair_acc.chartfx.axes.spi.DefaultNumericAxis axis = Charts.x(chart);
        axis.setAutoRanging(range == null);
        if (range != null) {
            axis.setMin(range[0]);
            axis.setMax(range[1]);
        }
    }

    /** The verdict lines under the charts (tests). */
    public String verdict() {
        return verdict.getText();
    }

    @Override
    public Node exportNode() {
        return charts;
    }

    @Override
    public void clear() {
        model.clear();
        redraw();
    }

    @Override
    public boolean hasData() {
        return !model.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "richness", "value", new ArrayList<>(List.of(network, kernel, moved)));
    }
}
