package org.ntkexplorer.ui.panels;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.RichnessTable;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.Metric;

/**
 * What the lazy–rich dial shows, without JavaFX: per metric the network's exponents against the richness with their
 * intervals, the eNTK's exponent as a line and band, the kernel movement, the axis ranges, and the lines the core
 * sent on how the run compares with theory. {@link RichnessPanel} renders it.
 */
final class RichnessModel {
    /** Points with asymmetric error bars: {@code low} below and {@code high} above each y (0: no bar). */
    record Series(double[] x, double[] y, double[] low, double[] high) {
        int size() {
            return x.length;
        }
    }

    /**
     * What is on screen for one metric. {@code kernel} (two points spanning the exponents' richness) and its name are
     * null without an eNTK exponent; {@code band} is the eNTK exponent's interval {low, high}, null without one;
     * a range is the log x axis's {min, max}, null to let the axis range itself.
     */
    record View(Series network, String networkName, double[] kernelX, double[] kernelY, String kernelName,
                double[] band, Series movement, double[] exponentsRange, double[] movementRange, String verdict,
                String caption) {
    }

    private final RichnessTable table = new RichnessTable();
    /** The lines the core sent for each metric (ExperimentEvent.RichnessVerdict): the panel only shows them. */
    private final Map<Metric, List<String>> verdicts = new EnumMap<>(Metric.class);

    /** Takes rows, fits and the core's verdict lines; true if any. */
    boolean accept(List<ExperimentEvent> events) {
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
        return changed;
    }

    View view(Metric m) {
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
        PowerLawFitResult k = table.kernelExponent(m);
        boolean kernel = k != null && ex.size() > 0;
        List<RichnessTable.Movement> mv = table.movement();
        double[] mx = new double[mv.size()];
        double[] my = new double[mv.size()];
        double[] ms = new double[mv.size()];
        double[] msLow = new double[mv.size()];
        for (int i = 0; i < mv.size(); i++) {
            mx[i] = mv.get(i).richness();
            my[i] = mv.get(i).mean();
            ms[i] = mv.get(i).sd();
            // The bar below stops short of 0, which a log axis cannot show.
            msLow[i] = Math.min(ms[i], my[i] * 0.999);
        }
        String caption = ex.isEmpty() && mv.isEmpty() ? "How the network's scaling exponent and kernel movement "
                + "change as the output scale α goes from rich (small) to lazy (large)."
                : String.format(Locale.ROOT, "At %d values of α: the network's scaling exponent beside the eNTK's band "
                + "(left), and how far its kernel moved (right).", Math.max(ex.size(), mv.size()));
        return new View(new Series(x, y, lo, hi), "network exponent" + (flagged ? " ✱" : ""),
                kernel ? new double[] {x[0], x[x.length - 1]} : null,
                kernel ? new double[] {k.alpha(), k.alpha()} : null,
                kernel ? "eNTK at init: " + ScalingModel.alpha(k) : null,
                kernel && k.hasInterval() ? new double[] {k.ciLow(), k.ciHigh()} : null,
                new Series(mx, my, msLow, ms), logRange(x), logRange(mx),
                String.join("\n", verdicts.getOrDefault(m, List.of())), caption);
    }

    /**
     * ChartFX pads a log axis in linear units, which left the largest α on the plot's right edge with its error bar
     * cut and its tick label dropped; a third of a decade on each side keeps the end points whole. Null (the axis
     * ranges itself) without a positive value.
     */
    static double[] logRange(double[] values) {
        double lo = Arrays.stream(values).filter(v -> v > 0).min().orElse(Double.NaN);
        double hi = Arrays.stream(values).filter(v -> v > 0).max().orElse(Double.NaN);
        return lo > 0 ? new double[] {lo / 2.2, hi * 2.2} : null;
    }

    boolean isEmpty() {
        return table.isEmpty();
    }

    void clear() {
        table.clear();
        verdicts.clear();
    }
}
