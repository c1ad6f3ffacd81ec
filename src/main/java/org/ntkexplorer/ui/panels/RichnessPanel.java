package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.RichnessTable;
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
    private final RichnessTable table = new RichnessTable();
    /** The lines the core sent for each metric (ExperimentEvent.RichnessVerdict): the panel only shows them. */
    private final java.util.Map<Metric, List<String>> verdicts = new java.util.EnumMap<>(
            Metric.class);
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
        boolean changed = false;
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.ScalingPointDone p) {
                table.add(p.row());
                changed = true;
            } else if (e instanceof ExperimentEvent.FitUpdated f) {
                table.fit(f.key(), f.entry());
                changed = true;
            } else if (e instanceof ExperimentEvent.RichnessVerdict v) {
                verdicts.put(v.metric(), v.lines());
                changed = true;
            }
        }
        if (changed) {
            redraw();
        }
    }

    private void redraw() {
        Metric m = metric.getValue();
        List<RichnessTable.Exponent> ex = table.exponents(m);
        double[] x = new double[ex.size()];
        double[] y = new double[ex.size()];
        double[] lo = new double[ex.size()];
        double[] hi = new double[ex.size()];
        boolean flagged = false;
        for (int i = 0; i < ex.size(); i++) {
            PowerLawFitResult f = ex.get(i).fit();
            x[i] = ex.get(i).richness();
            y[i] = f.alpha();
            // No error bar without an interval (one seed at some n), rather than a bar of zero length.
            lo[i] = f.hasInterval() ? f.alpha() - f.ciLow() : 0;
            hi[i] = f.hasInterval() ? f.ciHigh() - f.alpha() : 0;
            flagged |= !ex.get(i).notConverged().isEmpty();
        }
        network.set(x, y, lo, hi);
        network.setName("network exponent" + (flagged ? " ✱" : ""));
        PowerLawFitResult k = table.kernelExponent(m);
        exponents.getPlugins().remove(band);
        band = null;
        if (k != null && ex.size() > 0) {
            kernel.set(new double[] {x[0], x[x.length - 1]}, new double[] {k.alpha(), k.alpha()});
            kernel.setName("eNTK at init: " + Charts.alpha(k));
            if (k.hasInterval()) {
                band = new YRangeIndicator(Charts.y(exponents), k.ciLow(), k.ciHigh());
                band.setEditable(false);
                exponents.getPlugins().add(band);
            }
        } else {
            kernel.clearData();
        }
        Charts.showIfData(Charts.points(exponents), network);
        Charts.showIfData(Charts.points(exponents), kernel);
        List<RichnessTable.Movement> mv = table.movement();
        double[] mx = new double[mv.size()];
        double[] my = new double[mv.size()];
        double[] ms = new double[mv.size()];
        for (int i = 0; i < mv.size(); i++) {
            mx[i] = mv.get(i).richness();
            my[i] = mv.get(i).mean();
            ms[i] = mv.get(i).sd();
        }
        double[] msLow = ms.clone();
        for (int i = 0; i < msLow.length; i++) {
            msLow[i] = Math.min(ms[i], my[i] * 0.999);
        }
        moved.set(mx, my, msLow, ms);
        Charts.showIfData(Charts.points(movement), moved);
        Charts.fitLogYToDecades(movement, List.of(moved));
        padLogX(exponents, x);
        padLogX(movement, mx);
        exponentsBox.refresh();
        movementBox.refresh();
        verdict.setText(String.join("\n", verdicts.getOrDefault(m, List.of())));
        setCaption(ex.isEmpty() && mv.isEmpty() ? "How the network's scaling exponent and kernel movement change as "
                + "the output scale α goes from rich (small) to lazy (large)."
                : String.format(Locale.ROOT, "At %d values of α: the network's scaling exponent beside the eNTK's band "
                + "(left), and how far its kernel moved (right).", Math.max(ex.size(), mv.size())));
    }

    /**
     * ChartFX pads a log axis in linear units, which left the largest α on the plot's right edge with its error bar
     * cut and its tick label dropped; a third of a decade on each side keeps the end points whole.
     */
    private static void padLogX(XYChart chart, double[] values) {
        io.fair_acc.chartfx.axes.spi.DefaultNumericAxis axis = Charts.x(chart);
        double lo = java.util.Arrays.stream(values).filter(v -> v > 0).min().orElse(Double.NaN);
        double hi = java.util.Arrays.stream(values).filter(v -> v > 0).max().orElse(Double.NaN);
        if (!(lo > 0)) {
            axis.setAutoRanging(true);
            return;
        }
        axis.setAutoRanging(false);
        axis.setMin(lo / 2.2);
        axis.setMax(hi * 2.2);
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
        table.clear();
        verdicts.clear();
        redraw();
    }

    @Override
    public boolean hasData() {
        return !table.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "richness", "value", new ArrayList<>(List.of(network, kernel, moved)));
    }
}
