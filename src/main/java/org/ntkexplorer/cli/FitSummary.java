package org.ntkexplorer.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ntkexplorer.core.experiment.Learner;
import org.ntkexplorer.core.experiment.WidthMeasure;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

/** The fits at the end of {@code run}, in a fixed order: learners as the study lists them, then each metric. */
final class FitSummary {
    private FitSummary() {
    }

    /**
     * One line per fit. With one run per n there is nothing to bootstrap over, so the interval, which would be
     * a single point, is not printed.
     */
    static List<String> lines(Map<String, PowerLawFitResult> fits) {
        List<Map.Entry<String, PowerLawFitResult>> sorted = new ArrayList<>(fits.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, PowerLawFitResult> e) -> rank(e.getKey()))
                .thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, PowerLawFitResult> e : sorted) {
            PowerLawFitResult f = e.getValue();
            boolean point = !(f.ciHigh() > f.ciLow());
            String interval = point ? "no interval: one seed per n"
                    : String.format(Locale.ROOT, "[%.3f, %.3f]", f.ciLow(), f.ciHigh());
            out.add(String.format(Locale.ROOT, "%-32s alpha = %.3f  %s  (%d points)", e.getKey(), f.alpha(), interval,
                    f.pointsUsed()));
        }
        return out;
    }

    /** Learners in their declared order, then width-sweep measures in theirs, then anything else. */
    private static int rank(String key) {
        String head = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
        for (Learner l : Learner.values()) {
            if (l.id().equals(head)) {
                return l.ordinal();
            }
        }
        if (key.startsWith(WidthMeasure.FIT_PREFIX)) {
            String measure = key.substring(WidthMeasure.FIT_PREFIX.length());
            for (WidthMeasure m : WidthMeasure.values()) {
                if (m.id().equals(measure)) {
                    return Learner.values().length + m.ordinal();
                }
            }
        }
        return Integer.MAX_VALUE;
    }
}
