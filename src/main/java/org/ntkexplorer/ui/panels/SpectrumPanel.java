package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.scene.Node;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;


/** Eigenvalues of K/n on log–log axes for one network: its kernel at initialisation, its latest, the infinite NTK. */
public final class SpectrumPanel extends LivePanel {
    private final XYChart chart = Charts.xy("index i", true, "eigenvalue λ_i of K/n", true);
    private final ChartBox box = new ChartBox(chart);
    private final DoubleDataSet initial = Charts.styled(new DoubleDataSet("eNTK at init"), Charts.PALETTE.get(1), false);
    private final DoubleDataSet current = Charts.styled(new DoubleDataSet("eNTK now"), Charts.PALETTE.get(0), false);
    private final DoubleDataSet infinite = Charts.styled(new DoubleDataSet("infinite NTK"), Charts.PALETTE.get(2), true);
    private final SpectrumModel model = new SpectrumModel();
    private final UnitChooser<SpectrumModel.Net> chooser = new UnitChooser<>("network",
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
        List<SpectrumModel.Net> touched = model.accept(events);
        if (events.stream().anyMatch(e -> e instanceof ExperimentEvent.ReferenceSpectrum)) {
            fill(infinite, model.reference());
            Charts.showIfData(Charts.points(chart), infinite);
            box.refresh();
        }
        touched.forEach(chooser::offer);
    }

    private void show(SpectrumModel.Net k) {
        SpectrumModel.Shown shown = model.show(k);
        fill(initial, shown.initial());
        fill(current, shown.current());
        Charts.showIfData(Charts.points(chart), initial);
        Charts.showIfData(Charts.points(chart), current);
        box.refresh();
        setCaption(shown.caption());
    }

    private static void fill(DoubleDataSet ds, SpectrumModel.Spectrum s) {
        double[] y = s.eigenvalues();
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        // The data set takes its own write lock (not re-entrant), so it is not wrapped in another.
        ds.setName(s.name());
        ds.set(x, y.clone());
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
        model.clear();
        chooser.reset();
        for (DoubleDataSet ds : List.of(initial, current, infinite)) {
            ds.clearData();
            Charts.showIfData(Charts.points(chart), ds);
            Charts.showIfData(Charts.lines(chart), ds);
        }
        box.refresh();
        setCaption(SpectrumModel.EMPTY_CAPTION);
    }

    @Override
    public boolean hasData() {
        return !model.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        SeriesCsv.write(file, "index", "eigenvalue", List.of(initial, current, infinite));
    }
}
