package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
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

import org.ntkexplorer.core.experiment.Claims;
import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.Study;
import org.ntkexplorer.core.experiment.Fits;
import org.ntkexplorer.core.experiment.Learner;
import org.ntkexplorer.core.experiment.ResultRow;
import org.ntkexplorer.core.experiment.ScalingTable;

/**
 * Test error or MSE against n per learner on log–log axes, with error bars over seeds, the fitted power laws (dashed,
 * in their learner's colour), α in the legend and a table, and whether this run supports the study's claim.
 */
public final class ScalingPanel extends LivePanel {
    private final XYChart chart = Charts.xy("training-set size n", true, "test error", true);
    private final ChartBox box = new ChartBox(chart);
    private final ComboBox<ScalingTable.Metric> metric = new ComboBox<>(FXCollections.observableArrayList(
            ScalingTable.Metric.values()));
    private final ScalingTable table = new ScalingTable();
    private final List<ResultRow> rows = new ArrayList<>();
    private final Map<ScalingTable.Metric, Claims.Check> claims = new EnumMap<>(ScalingTable.Metric.class);
    private final Map<ScalingTable.Metric, Map<Learner, Fits.Entry>> fits = new EnumMap<>(ScalingTable.Metric.class);
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
            public String toString(ScalingTable.Metric m) {
                return m == null ? "" : label(m);
            }

            @Override
            public ScalingTable.Metric fromString(String s) {
                return null;
            }
        });
        metric.setValue(ScalingTable.Metric.TEST_ERROR);
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

    private static String label(ScalingTable.Metric m) {
        return m == ScalingTable.Metric.TEST_ERROR ? "test error" : "test MSE";
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
    public void setMetric(ScalingTable.Metric m) {
        metric.setValue(m);
    }

    public ScalingTable.Metric metric() {
        return metric.getValue();
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        boolean changed = false;
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.ScalingPointDone p && Double.isNaN(p.richness())) {
                table.add(p);
                rows.add(p.row());
                changed = true;
            } else if (e instanceof ExperimentEvent.ClaimChecked c) {
                if (c.check() == null) {
                    claims.remove(c.metric());
                } else {
                    claims.put(c.metric(), c.check());
                }
                changed = true;
            } else if (e instanceof ExperimentEvent.FitUpdated f && Double.isNaN(f.key().richness())) {
                fits.computeIfAbsent(f.key().metric(), k -> new EnumMap<>(Learner.class)).put(f.learner(), f.entry());
                changed = true;
            }
        }
        if (changed) {
            redraw();
        }
    }

    private void redraw() {
        ScalingTable.Metric m = metric.getValue();
        Charts.y(chart).setName(label(m));
        Map<Learner, Fits.Entry> f = fits.getOrDefault(m, Map.of());
        for (Learner l : table.learners()) {
            DoubleErrorDataSet ds = points.computeIfAbsent(l, k -> Charts.styled(new DoubleErrorDataSet(k.id()),
                    k));
            DoubleDataSet line = lines.computeIfAbsent(l, k -> Charts.styled(new DoubleDataSet(k.id() + " fit"),
                    Charts.colour(k), true));
            var summary = table.rows(l, m);
            Charts.setMeans(ds, summary);
            Fits.Entry fit = f.get(l);
            ds.setName(fit == null ? l.id() : l.id() + ": " + Charts.alpha(fit.fit())
                    + (fit.notConverged().isEmpty() ? "" : " ✱"));
            Charts.setPowerLaw(line, fit == null ? null : fit.fit(), summary);
            Charts.showIfData(Charts.points(chart), ds);
            Charts.showIfData(Charts.lines(chart), line);
        }
        Charts.fitLogYToDecades(chart, points.values());
        box.refresh();
        alphas.show(f);
        setCaption(caption(m));
        Claims.Check c = claims.get(m);
        verdict.setText(c == null ? "" : verdictText(c));
    }

    private String caption(ScalingTable.Metric m) {
        if (table.isEmpty()) {
            return "Each learner's " + label(m) + " against n, log–log; dashed lines are fitted power laws n^(−α).";
        }
        int seeds = (int) rows.stream().mapToLong(ResultRow::seed).distinct().count();
        return String.format(Locale.ROOT, "%s against n for %d learners, means over %d seed%s; steeper line = larger "
                + "α = faster learning from data.", label(m), table.learners().size(), seeds, seeds == 1 ? "" : "s");
    }

    private static String verdictText(Claims.Check c) {
        if (c.verdict() == Claims.Verdict.CANNOT_TEST) {
            // One seed at some n: no interval, so no verdict either way, and no differences that look like one.
            return "Claim " + c.claim() + ", " + c.statement() + ": this run " + c.verdictText()
                    + ", so it shows no interval and no verdict.";
        }
        StringBuilder sb = new StringBuilder("Claim " + c.claim() + ", " + c.statement() + " (" + label(c.metric())
                + ", 95 % intervals over seeds): ");
        for (int i = 0; i < c.differences().size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(c.differences().get(i).describe());
        }
        return sb.append(". This run ").append(c.verdictText()).append('.').toString();
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
        table.clear();
        rows.clear();
        fits.clear();
        claims.clear();
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
        return !table.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        List<DataSet> sets = new ArrayList<>(points.values());
        sets.addAll(lines.values());
        SeriesCsv.write(file, "n", metric.getValue().id(), sets);
    }
}
