package org.ntkexplorer.core.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ntkexplorer.core.scaling.PowerLawFit;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.scaling.ScalingPoint;

/**
 * Power laws fitted to every row of a run folder at once, never to what one process happened to compute, so a
 * resumed, sharded or merged run gives the same fits.json as an uninterrupted one. Points enter in a fixed order
 * (size, then seed) and the bootstrap has a fixed seed, so the same rows give the same numbers.
 */
public final class Fits {
    private static final int RESAMPLES = 1000;

    /**
     * A fit with the networks behind it that stopped at their step cap without meeting the stopping rule (as
     * "n=256 seed=1"); such networks are kept in the fit and flagged wherever α is shown.
     */
    public record Entry(PowerLawFitResult fit, List<String> notConverged) {
        public Entry {
            notConverged = List.copyOf(notConverged);
        }
    }

    private Fits() {
    }

    /** Fits of every learner (and richness) and metric that has values at two or more sizes, in a stable order. */
    public static Map<FitKey, Entry> ofResults(List<ResultRow> rows) {
        Map<FitKey.OfLearner, List<ResultRow>> groups = new TreeMap<>(Comparator
                .comparing((FitKey.OfLearner k) -> k.learner().ordinal())
                .thenComparing(k -> Double.isNaN(k.richness()) ? Double.NEGATIVE_INFINITY : k.richness())
                .thenComparing(k -> k.metric().ordinal()));
        for (ResultRow r : rows) {
            for (ScalingTable.Metric m : ScalingTable.Metric.values()) {
                groups.computeIfAbsent(new FitKey.OfLearner(r.learner(), r.richness(), m), k -> new ArrayList<>())
                        .add(r);
            }
        }
        Map<FitKey, Entry> out = new LinkedHashMap<>();
        for (Map.Entry<FitKey.OfLearner, List<ResultRow>> g : groups.entrySet()) {
            List<ResultRow> sorted = g.getValue().stream()
                    .sorted(Comparator.comparingInt(ResultRow::n).thenComparingLong(ResultRow::seed)).toList();
            List<ScalingPoint> points = new ArrayList<>();
            List<String> notConverged = new ArrayList<>();
            for (ResultRow r : sorted) {
                double v = g.getKey().metric().of(r);
                if (Double.isFinite(v) && v > 0) {
                    points.add(new ScalingPoint(r.n(), r.seed(), v));
                    if (Boolean.FALSE.equals(r.converged())) {
                        notConverged.add("n=" + r.n() + " seed=" + r.seed());
                    }
                }
            }
            PowerLawFitResult f = fit(points);
            if (f != null) {
                out.put(g.getKey(), new Entry(f, notConverged));
            }
        }
        return out;
    }

    /** Fits of each width-sweep measure against the width. */
    public static Map<FitKey, Entry> ofWidths(List<WidthRow> rows) {
        List<WidthRow> sorted = rows.stream()
                .sorted(Comparator.comparingInt(WidthRow::width).thenComparingLong(WidthRow::seed)).toList();
        Map<FitKey, Entry> out = new LinkedHashMap<>();
        for (WidthMeasure m : WidthMeasure.values()) {
            List<ScalingPoint> points = new ArrayList<>();
            List<String> notConverged = new ArrayList<>();
            for (WidthRow w : sorted) {
                double v = m.of(w.event());
                if (Double.isFinite(v) && v > 0) {
                    points.add(new ScalingPoint(w.width(), w.seed(), v));
                    if (m == WidthMeasure.TEST_ERROR && Boolean.FALSE.equals(w.converged())) {
                        notConverged.add("width=" + w.width() + " seed=" + w.seed());
                    }
                }
            }
            PowerLawFitResult f = fit(points);
            if (f != null) {
                out.put(new FitKey.OfWidth(m), new Entry(f, notConverged));
            }
        }
        return out;
    }

    private static PowerLawFitResult fit(List<ScalingPoint> points) {
        if (points.stream().mapToDouble(ScalingPoint::n).distinct().count() < 2) {
            return null;
        }
        return new PowerLawFit(RESAMPLES, PowerLawFit.DEFAULT_LEVEL, 0, false).fit(points);
    }
}
