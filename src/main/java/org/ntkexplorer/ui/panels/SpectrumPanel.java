package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.scene.Node;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;

import org.ntkexplorer.core.experiment.ExperimentEvent;

/** Eigenvalues of K/n on log–log axes for one network: its kernel at initialisation, its latest, the infinite NTK. */
public final class SpectrumPanel extends LivePanel {
    /** One network's probe kernel: by seed and training-set size. */
    record Net(long seed, int n) {
    }

    private final XYChart chart = Charts.xy("index i", true, "eigenvalue λ_i of K/n", true);
    private final ChartBox box = new ChartBox(chart);
    private final DoubleDataSet initial = Charts.styled(new DoubleDataSet("eNTK at init"), Charts.PALETTE.get(1), false);
    private final DoubleDataSet current = Charts.styled(new DoubleDataSet("eNTK now"), Charts.PALETTE.get(0), false);
    private final DoubleDataSet infinite = Charts.styled(new DoubleDataSet("infinite NTK"), Charts.PALETTE.get(2), true);
    private final Map<Net, ExperimentEvent.KernelSnapshot> first = new LinkedHashMap<>();
    private final Map<Net, ExperimentEvent.KernelSnapshot> latest = new LinkedHashMap<>();
    private final UnitChooser<Net> chooser = new UnitChooser<>("network",
            k -> String.format(Locale.ROOT, "n = %d, seed %d", k.n(), k.seed()), this::show);

    public SpectrumPanel() {
        super("Kernel eigenspectrum");
        // Spectra have one point per eigenvalue (hundreds); lines alone keep the redraw cheap.
        Charts.points(chart).setDrawMarker(false);
        Charts.fitTitle(Charts.y(chart), "eigenvalue λ_i of K/n", "λ_i of K/n");
        chooser.setId("spectrum-unit");
        addTools(chooser);
        setContent(box);
        clear();
        setStudy(study());
    }

    @Override
    public String explanation() {
        return "Eigenvalues λ_i of K/n of the empirical NTK on the probe set, largest first, on log–log axes: the "
                + "kernel of one network at initialisation and at its latest snapshot, and, for an MLP in NTK "
                + "parameterisation, the infinite-width NTK on the same inputs. A straight line means a power-law "
                + "decay λ_i ∝ i^(−β). Compare the latest spectrum with the initial one: which eigenvalues grow or "
                + "shrink, and whether the decay gets steeper, i.e. whether training concentrates the kernel on a few "
                + "directions. The selector picks the network.";
    }


    @Override
    public void accept(List<ExperimentEvent> events) {
        List<Net> touched = new ArrayList<>();
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s && s.eigenvalues().length > 0) {
                Net k = new Net(s.seed(), s.n());
                if (s.epoch() == 0) {
                    first.put(k, s);
                }
                latest.put(k, s);
                if (!touched.contains(k)) {
                    touched.add(k);
                }
            } else if (e instanceof ExperimentEvent.ReferenceSpectrum r) {
                fill(infinite, r.eigenvalues(), r.name());
                Charts.showIfData(Charts.points(chart), infinite);
                box.refresh();
            }
        }
        touched.forEach(chooser::offer);
    }

    private void show(Net k) {
        ExperimentEvent.KernelSnapshot a = first.get(k);
        ExperimentEvent.KernelSnapshot b = latest.get(k);
        fill(initial, a == null ? new double[0] : a.eigenvalues(), "eNTK at init");
        boolean moved = b != null && (a == null || b.epoch() > 0);
        fill(current, moved ? b.eigenvalues() : new double[0], moved ? "eNTK at epoch " + b.epoch() : "eNTK now");
        Charts.showIfData(Charts.points(chart), initial);
        Charts.showIfData(Charts.points(chart), current);
        box.refresh();
        setCaption(String.format(Locale.ROOT, "n = %d, seed %d: kernel eigenvalues at init%s.", k.n(), k.seed(),
                moved ? " and epoch " + b.epoch() : ""));
    }

    private static void fill(DoubleDataSet ds, double[] eig, String name) {
        int m = 0;
        while (m < eig.length && eig[m] > 0) {
            m++;
        }
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = i + 1;
            y[i] = eig[i];
        }
        // The data set takes its own write lock (not re-entrant), so it is not wrapped in another.
        ds.setName(name);
        ds.set(x, y);
    }

    /** Points of the latest eNTK spectrum on screen. */
    public int latestSpectrumPoints() {
        return current.getDataCount();
    }

    @Override
    public Node exportNode() {
        return box;
    }

    @Override
    public void clear() {
        first.clear();
        latest.clear();
        chooser.reset();
        for (DoubleDataSet ds : List.of(initial, current, infinite)) {
            ds.clearData();
            Charts.showIfData(Charts.points(chart), ds);
            Charts.showIfData(Charts.lines(chart), ds);
        }
        box.refresh();
        setCaption("Eigenvalues of a network's probe kernel, largest first, at initialisation and later.");
    }

    @Override
    public boolean hasData() {
        return !latest.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "index", "eigenvalue", List.of(initial, current, infinite));
    }
}
