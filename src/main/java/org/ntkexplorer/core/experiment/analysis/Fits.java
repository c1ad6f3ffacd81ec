package org.ntkexplorer.core.experiment.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ntkexplorer.core.scaling.PowerLawFit;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.scaling.ScalingPoint;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.WidthMeasure;
import org.ntkexplorer.core.experiment.store.WidthRow;

/**
 * Power laws fitted to every row of a run folder at once, never to what one process happened to compute, so a
 * resumed, sharded or merged run gives the same fits.json as an uninterrupted one. Points enter in a fixed order
 * (size, then seed) and the bootstrap has a fixed seed, so the same rows give the same numbers.
 */
public final class Fits {
    private static final int RESAMPLES = 1000;

    private Fits() {
    }

    /** fits.json from every row of results.csv and width.csv, written to the folder and returned. */
    public static Map<FitKey, FitEntry> refit(RunFolder folder) throws java.io.IOException {
        Map<FitKey, FitEntry> fits = new LinkedHashMap<>(ofResults(folder.table(ResultRow.SCHEMA).read()));
        fits.putAll(ofWidths(folder.table(WidthRow.SCHEMA).read()));
        folder.writeFits(fits);
        return fits;
    }

    /** Fits of every learner (and richness) and metric that has values at two or more sizes, in a stable order. */
    public static Map<FitKey, FitEntry> ofResults(List<ResultRow> rows) {
        Map<FitKey.OfLearner, List<ResultRow>> groups = new TreeMap<>(Comparator
                .comparing((FitKey.OfLearner k) -> k.learner().ordinal())
                .thenComparing(k -> Double.isNaN(k.richness()) ? Double.NEGATIVE_INFINITY : k.richness())
                .thenComparing(k -> k.metric().ordinal()));
        for (ResultRow r : rows) {
            for (Metric m : Metric.values()) {
                groups.computeIfAbsent(new FitKey.OfLearner(r.learner(), r.richness(), m), k -> new ArrayList<>())
                        .add(r);
            }
        }
        Map<FitKey, FitEntry> out = new LinkedHashMap<>();
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
                out.put(g.getKey(), new FitEntry(f, notConverged));
            }
        }
        return out;
    }

    /** Fits of each width-sweep measure against the width. */
    public static Map<FitKey, FitEntry> ofWidths(List<WidthRow> rows) {
        List<WidthRow> sorted = rows.stream()
                .sorted(Comparator.comparingInt(WidthRow::width).thenComparingLong(WidthRow::seed)).toList();
        Map<FitKey, FitEntry> out = new LinkedHashMap<>();
        for (WidthMeasure m : WidthMeasure.values()) {
            List<ScalingPoint> points = new ArrayList<>();
            List<String> notConverged = new ArrayList<>();
            for (WidthRow w : sorted) {
                double v = m.of(w);
                if (Double.isFinite(v) && v > 0) {
                    points.add(new ScalingPoint(w.width(), w.seed(), v));
                    if (m == WidthMeasure.TEST_ERROR && Boolean.FALSE.equals(w.converged())) {
                        notConverged.add("width=" + w.width() + " seed=" + w.seed());
                    }
                }
            }
            PowerLawFitResult f = fit(points);
            if (f != null) {
                out.put(new FitKey.OfWidth(m), new FitEntry(f, notConverged));
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
