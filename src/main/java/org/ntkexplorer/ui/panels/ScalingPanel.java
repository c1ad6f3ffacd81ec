package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;

import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.Learner;
import org.ntkexplorer.core.experiment.ScalingTable;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

/** Test error or MSE against n per learner, with error bars over seeds, fitted power laws and a table of α. */
public final class ScalingPanel extends LivePanel {
    /** One row of the α table. */
    public record FitRow(String learner, double alpha, double ciLow, double ciHigh, double rSquared, int points) {
    }

    private static final String ERROR = "test error";
    private static final String MSE = "test MSE";

    private final XYChart chart = Charts.xy("training-set size n", "", true, "test loss", "", true);
    private final ComboBox<String> metric = new ComboBox<>(FXCollections.observableArrayList(ERROR, MSE));
    private final ScalingTable table = new ScalingTable();
    private final Map<Learner, DoubleErrorDataSet> points = new LinkedHashMap<>();
    private final Map<String, PowerLawFitResult> fits = new LinkedHashMap<>();
    private final Map<Learner, DoubleDataSet> lines = new LinkedHashMap<>();
    private final ObservableList<FitRow> rows = FXCollections.observableArrayList();

    public ScalingPanel() {
        super("Scaling with n", "Test error (or MSE) against the training-set size n on log–log axes, one colour "
                + "per learner: the trained network, kernel regression with its eNTK at initialisation, with a "
                + "pre-trained eNTK, and with the infinite NTK and NNGP. Points are means over seeds with ± one "
                + "standard deviation; lines are fitted power laws L = a·n^(−α), with α and its bootstrap confidence "
                + "interval in the legend and the table. The study's claim: the network's α is clearly larger.");
        metric.getSelectionModel().select(ERROR);
        metric.setTooltip(new Tooltip("Which test loss to plot and fit"));
        metric.valueProperty().addListener((o, a, b) -> redrawAll());
        TableView<FitRow> alphas = new TableView<>(rows);
        alphas.getColumns().add(column("learner", r -> r.learner()));
        alphas.getColumns().add(column("α", r -> fmt(r.alpha())));
        alphas.getColumns().add(column("CI low", r -> fmt(r.ciLow())));
        alphas.getColumns().add(column("CI high", r -> fmt(r.ciHigh())));
        alphas.getColumns().add(column("R²", r -> fmt(r.rSquared())));
        alphas.getColumns().add(column("points", r -> Integer.toString(r.points())));
        alphas.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        alphas.setMinWidth(330);
        alphas.getColumns().forEach(c -> c.setMinWidth(c.getText().equals("learner") ? 90 : 44));
        alphas.setPlaceholder(new Label("α appears once a learner has two sizes"));
        alphas.setId("alpha-table");
        BorderPane right = new BorderPane(alphas);
        right.setTop(new HBox(6, new Label("fit"), metric));
        SplitPane split = new SplitPane(chart, right);
        split.setDividerPositions(0.58);
        setContent(split);
    }

    private static TableColumn<FitRow, String> column(String name, java.util.function.Function<FitRow, String> f) {
        TableColumn<FitRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    private ScalingTable.Metric selected() {
        return ERROR.equals(metric.getValue()) ? ScalingTable.Metric.TEST_ERROR : ScalingTable.Metric.TEST_MSE;
    }

    private String metricKey() {
        return selected().id();
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.ScalingPointDone p) {
                table.add(p);
                redrawPoints(p.learner());
            } else if (e instanceof ExperimentEvent.FitUpdated f) {
                fits.put(f.learner().id() + "/" + f.metric(), f.fit());
                if (f.metric().equals(metricKey())) {
                    redrawFit(f.learner());
                }
            }
        }
    }

    private void redrawAll() {
        table.learners().forEach(this::redrawPoints);
        for (Learner l : Learner.values()) {
            redrawFit(l);
        }
    }

    private void redrawPoints(Learner l) {
        DoubleErrorDataSet ds = points.computeIfAbsent(l, k -> {
            DoubleErrorDataSet d = new DoubleErrorDataSet(k.id());
            chart.getDatasets().add(d);
            return d;
        });
        Charts.setMeans(ds, table.rows(l, selected()));
        Charts.fitLogYToDecades(chart, points.values());
    }

    private void redrawFit(Learner l) {
        PowerLawFitResult f = fits.get(l.id() + "/" + metricKey());
        DoubleDataSet line = lines.computeIfAbsent(l, k -> {
            DoubleDataSet d = new DoubleDataSet(k.id() + " fit");
            chart.getDatasets().add(d);
            return d;
        });
        Charts.setPowerLaw(line, f, table.rows(l, selected()), f == null ? l.id() + " fit"
                : String.format(Locale.ROOT, "%s: α = %.3f [%.3f, %.3f]", l.id(), f.alpha(), f.ciLow(), f.ciHigh()));
        rows.setAll(tableRows());
    }

    private List<FitRow> tableRows() {
        List<FitRow> out = new ArrayList<>();
        for (Learner l : Learner.values()) {
            PowerLawFitResult f = fits.get(l.id() + "/" + metricKey());
            if (f != null) {
                out.add(new FitRow(l.id(), f.alpha(), f.ciLow(), f.ciHigh(), f.rSquared(), f.pointsUsed()));
            }
        }
        return out;
    }

    /** The α table's rows (for tests and export). */
    public List<FitRow> fitRows() {
        return List.copyOf(rows);
    }

    @Override
    public void clear() {
        table.clear();
        fits.clear();
        rows.clear();
        for (DataSet ds : new ArrayList<>(chart.getDatasets())) {
            if (ds instanceof DoubleDataSet d) {
                d.clearData();
            } else if (ds instanceof DoubleErrorDataSet d) {
                d.clearData();
            }
        }
    }

    @Override
    public boolean hasData() {
        return !table.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        List<DataSet> sets = new ArrayList<>(points.values());
        sets.addAll(lines.values());
        SeriesCsv.write(file, "n", metricKey(), sets);
    }
}
