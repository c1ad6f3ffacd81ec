package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;

import org.ntkexplorer.core.experiment.ExperimentEvent;

/** Eigenvalues of K/n on log–log axes: the kernel at initialisation, now, and the infinite NTK. */
public final class SpectrumPanel extends LivePanel {
    private final DoubleDataSet initial = new DoubleDataSet("eNTK at init");
    private final DoubleDataSet current = new DoubleDataSet("eNTK now");
    private final DoubleDataSet infinite = new DoubleDataSet("infinite NTK");

    public SpectrumPanel() {
        super("Kernel eigenspectrum", "Eigenvalues λ_i of K/n on the probe set, largest first, on log–log axes: "
                + "the empirical NTK at initialisation, at the latest epoch, and the infinite-width NTK. A straight "
                + "line means a power-law decay λ_i ∝ i^(−β); kernels that learn put more weight on the top "
                + "eigenvalues. Look for the trained kernel's top eigenvalues rising away from the initial ones.");
        XYChart chart = Charts.xy("index i", "", true, "eigenvalue λ_i of K/n", "", true);
        // Spectra have one point per eigenvalue (thousands); lines alone keep the redraw cheap.
        ((io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer) chart.getRenderers().get(0)).setDrawMarker(false);
        chart.getDatasets().addAll(initial, current, infinite);
        setContent(chart);
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s && s.eigenvalues().length > 0) {
                if (s.epoch() == 0) {
                    fill(initial, s.eigenvalues(), "eNTK at init (n = " + s.n() + ")");
                }
                fill(current, s.eigenvalues(), "eNTK at epoch " + s.epoch() + " (n = " + s.n() + ")");
            } else if (e instanceof ExperimentEvent.ReferenceSpectrum r) {
                fill(infinite, r.eigenvalues(), r.name());
            }
        }
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

    @Override
    public void clear() {
        for (DoubleDataSet ds : List.of(initial, current, infinite)) {
            ds.clearData();
        }
    }

    /** Points of the latest eNTK spectrum on screen. */
    public int latestSpectrumPoints() {
        return current.getDataCount();
    }

    @Override
    public boolean hasData() {
        return current.getDataCount() > 0;
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "index", "eigenvalue", List.of(initial, current, infinite));
    }
}
