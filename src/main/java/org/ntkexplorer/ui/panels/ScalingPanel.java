package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.Metric;


/**
 * Test error or MSE against n per learner on log–log axes, with error bars over seeds, the fitted power laws (dashed,
 * in their learner's colour), α in the legend and a table, and whether this run supports the study's claim.
 */
public final class ScalingPanel extends LivePanel {
    private final XYChart chart = Charts.xy("training-set size n", true, "test error", true);
    private final ChartBox box = new ChartBox(chart);
    private final ComboBox<Metric> metric = new ComboBox<>(FXCollections.observableArrayList(
            Metric.values()));
    private final ScalingModel model = new ScalingModel();
    private final Map<Learner, DoubleErrorDataSet> points = new EnumMap<>(Learner.class);
    private final Map<Learner, DoubleDataSet> lines = new EnumMap<>(Learner.class);
    private final AlphaTable alphas = new AlphaTable();
    private final Label verdict = new Label();
    private final ToggleButton showTable = new ToggleButton("α table");
    private final BorderPane body = new BorderPane();
    private boolean tableChosen;
    private boolean pretrainedClaim;

    public ScalingPanel() {
        super("Scaling with n");
        metric.setConverter(new StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : label(m);
            }

            @Override
            public Metric fromString(String s) {
                return null;
            }
        });
        metric.setValue(Metric.TEST_ERROR);
        metric.setTooltip(new Tooltip("Which test figure to plot and fit"));
        metric.setId("scaling-metric");
        metric.valueProperty().addListener((o, a, b) -> redraw());
        showTable.setSelected(true);
        showTable.setId("alpha-table-toggle");
        showTable.setTooltip(new Tooltip("Show the fitted exponents as a table beside the chart (the legend has them "
                + "too)"));
        showTable.selectedProperty().addListener((o, a, b) -> body.setRight(b ? alphas : null));
        showTable.setOnAction(e -> tableChosen = true);
        // Until the table is toggled by hand it shows only where the chart keeps most of a wide panel.
        widthProperty().addListener((o, a, b) -> {
            if (!tableChosen && !isEnlarged()) {
                showTable.setSelected(b.doubleValue() >= 1000);
            }
        });
        addTools(metric, showTable);
        verdict.setWrapText(true);
        verdict.getStyleClass().add("claim-verdict");
        verdict.setId("claim-verdict");
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Charts.x(chart).setLogarithmBase(2);
        body.setCenter(new VBox(box, verdict));
        VBox.setVgrow(box, javafx.scene.layout.Priority.ALWAYS);
        body.setRight(alphas);
        setContent(body);
        setStudy(study());
    }

    private static String label(Metric m) {
        return ScalingModel.label(m);
    }

    @Override
    public String explanation() {
        String claim = pretrainedClaim
                ? "Claim 2 of the study: the kernel of a network pre-trained on n0 examples scales better than the "
                + "kernel at initialisation, and still worse than the network."
                : "Claim 1 of the study: the trained network's α is larger than every kernel's.";
        return "The chosen test figure against the training-set size n on log–log axes, one colour per learner: the "
                + "trained network and kernel regression with its kernels. Points are means over seeds with ± one "
                + "standard deviation; dashed lines are fitted power laws L = a·n^(−α), with α and its 95 % bootstrap "
                + "interval in the legend and the table. Compare the slopes, not the heights. " + claim
                + " The line under the chart gives the differences of α with intervals paired over seeds and says "
                + "whether this run supports the claim; a learner marked ✱ has networks that hit their step cap "
                + "before meeting the stopping rule.";
    }


    @Override
    public void setStudy(Study s) {
        super.setStudy(s);
        redraw();
    }

    /**
     * Whether the help states claim 2 (the pre-trained kernel) rather than claim 1; the study's view sets it before
     * the study is shown.
     */
    public void explainPretrainedClaim(boolean on) {
        pretrainedClaim = on;
    }

    /** The metric the panel plots and fits (the one the preset's help discusses, by default). */
    public void setMetric(Metric m) {
        metric.setValue(m);
    }

    public Metric metric() {
        return metric.getValue();
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        if (model.accept(events)) {
            redraw();
        }
    }

    private void redraw() {
        Metric m = metric.getValue();
        Charts.y(chart).setName(label(m));
        for (Learner l : model.learners()) {
            DoubleErrorDataSet ds = points.computeIfAbsent(l, k -> Charts.styled(new DoubleErrorDataSet(k.id()),
                    k));
            DoubleDataSet line = lines.computeIfAbsent(l, k -> Charts.styled(new DoubleDataSet(k.id() + " fit"),
                    Charts.colour(k), true));
            var summary = model.summary(l, m);
            Charts.setMeans(ds, summary);
            FitEntry fit = model.fits(m).get(l);
            ds.setName(model.legend(l, m));
            Charts.setPowerLaw(line, fit == null ? null : fit.fit(), summary);
            Charts.showIfData(Charts.points(chart), ds);
            Charts.showIfData(Charts.lines(chart), line);
        }
        Charts.fitLogYToDecades(chart, points.values());
        box.refresh();
        alphas.show(model.fits(m));
        setCaption(model.caption(m));
        verdict.setText(model.verdict(m));
    }

    /** The claim line under the chart, empty while the run has too little to check. */
    public String verdict() {
        return verdict.getText();
    }

    /** The α table's rows (for tests and export). */
    public List<AlphaTable.Row> fitRows() {
        return alphas.rows();
    }

    public XYChart chart() {
        return chart;
    }

    /** The points of a learner and its fit line, as drawn (tests). */
    public DataSet[] series(Learner l) {
        return new DataSet[] {points.get(l), lines.get(l)};
    }

    @Override
    public void setEnlarged(boolean on) {
        super.setEnlarged(on);
        // Enlarged, there is room for the table beside the chart: it stays (or comes) unless hidden by hand.
        if (on && !tableChosen) {
            showTable.setSelected(true);
        }
    }

    public AlphaTable alphaTable() {
        return alphas;
    }

    @Override
    public Node exportNode() {
        return box;
    }

    public ChartBox chartBox() {
        return box;
    }

    @Override
    public void clear() {
        model.clear();
        for (DataSet d : new ArrayList<DataSet>(points.values())) {
            Charts.points(chart).getDatasets().remove(d);
        }
        for (DataSet d : new ArrayList<DataSet>(lines.values())) {
            Charts.lines(chart).getDatasets().remove(d);
        }
        points.clear();
        lines.clear();
        redraw();
    }

    @Override
    public boolean hasData() {
        return !model.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        List<DataSet> sets = new ArrayList<>(points.values());
        sets.addAll(lines.values());
        SeriesCsv.write(file, "n", metric.getValue().id(), sets);
    }
}
