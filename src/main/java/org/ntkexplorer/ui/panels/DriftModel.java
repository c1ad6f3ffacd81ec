package org.ntkexplorer.ui.panels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntkexplorer.core.experiment.analysis.SeedSummary;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;


/**
 * What the kernel-drift panel shows, without JavaFX: each seed's probe-kernel snapshots across epochs (a dynamics
 * study), and per n the movement and the alignment before and after training (a study over the n grid), with the
 * caption drawn from them. {@link DriftPanel} renders it.
 */
final class DriftModel {
    static final String MOVED = "kernel movement S(K₀, K_end)";
    static final String BEFORE = "alignment before training";
    static final String AFTER = "alignment after training";
    /** The per-n series, in legend order. */
    static final List<String> PER_N = List.of(MOVED, BEFORE, AFTER);

    /** One curve across epochs; only finite positive values are drawn on its log axis. */
    enum Curve {
        DISTANCE("distance to init S(K₀, K_t)"),
        VELOCITY("velocity S(K_t, K_t+Δ)/Δ"),
        CKA_GAP("1 − CKA to previous"),
        ALIGNMENT("kernel–target alignment");

        final String label;

        Curve(String label) {
            this.label = label;
        }

        double of(ExperimentEvent.KernelSnapshot k) {
            return switch (this) {
                case DISTANCE -> k.distanceToInit();
                case VELOCITY -> k.velocity();
                case CKA_GAP -> 1 - k.ckaToPrevious();
                case ALIGNMENT -> k.targetAlignment();
            };
        }
    }

    private final Map<Long, List<ExperimentEvent.KernelSnapshot>> bySeed = new LinkedHashMap<>();
    private final SeedSummary<String> summary = new SeedSummary<>();

    /**
     * Takes the snapshots among {@code events}; returns the seeds they belong to, each once in order of arrival, so
     * the panel can add new seeds to its chooser and redraw the one on screen if it grew.
     */
    List<Long> accept(List<ExperimentEvent> events) {
        List<Long> seeds = new ArrayList<>();
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s) {
                if (!seeds.contains(s.seed())) {
                    seeds.add(s.seed());
                }
                bySeed.computeIfAbsent(s.seed(), k -> new ArrayList<>()).add(s);
                if (s.epoch() == 0) {
                    summary.add(BEFORE, s.n(), s.targetAlignment());
                } else {
                    summary.add(MOVED, s.n(), s.distanceToInit());
                    summary.add(AFTER, s.n(), s.targetAlignment());
                }
            }
        }
        return seeds;
    }

    void clear() {
        bySeed.clear();
        summary.clear();
    }

    boolean isEmpty() {
        return bySeed.isEmpty();
    }

    /** (epoch, value) points of one curve of one seed: NaN and non-positive values are left out (log axis). */
    List<double[]> curve(long seed, Curve c) {
        List<double[]> out = new ArrayList<>();
        for (ExperimentEvent.KernelSnapshot k : bySeed.getOrDefault(seed, List.of())) {
            double y = c.of(k);
            if (Double.isFinite(y) && y > 0) {
                out.add(new double[] {k.epoch(), y});
            }
        }
        return out;
    }

    /** The last epoch of a seed's snapshots (0 when none). */
    int lastEpoch(long seed) {
        return bySeed.getOrDefault(seed, List.of()).stream().mapToInt(ExperimentEvent.KernelSnapshot::epoch).max()
                .orElse(0);
    }

    /** Mean and spread over seeds at each n of one per-n series. */
    List<SeedSummary.Row> perN(String series) {
        return summary.rows(series);
    }

    /** The highest mean + sd of the per-n series, so the axis can leave room above it. */
    double perNTop() {
        double top = 0;
        for (String s : PER_N) {
            for (SeedSummary.Row r : summary.rows(s)) {
                top = Math.max(top, r.mean() + r.sd());
            }
        }
        return top;
    }

    /** The caption, per n or for the chosen seed ({@code seed} null when none is chosen). */
    String caption(boolean perSize, Long seed) {
        if (perSize) {
            int seeds = bySeed.size();
            return "Per n" + (seeds > 0 ? String.format(Locale.ROOT, ", mean of %d seed%s", seeds,
                    seeds == 1 ? "" : "s") : "") + ": kernel movement and label alignment.";
        }
        List<ExperimentEvent.KernelSnapshot> k = seed == null ? null : bySeed.get(seed);
        return k == null || k.isEmpty() ? "How far and how fast the network's probe kernel moves, epoch by epoch."
                : String.format(Locale.ROOT, "n = %d, seed %d: how far and fast the kernel moves, %d snapshots.",
                k.get(0).n(), seed, k.size());
    }
}
