package org.ntkexplorer.ui.panels;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.SeedSummary;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.WidthMeasure;

/**
 * What the width-sweep panel shows, without JavaFX: each measure's mean and spread over seeds per width, the fitted
 * slopes the run reported, and the words for them. {@link WidthPanel} renders it.
 */
final class WidthModel {
    private final SeedSummary<WidthMeasure> summary = new SeedSummary<>();
    private final Map<WidthMeasure, PowerLawFitResult> fits = new EnumMap<>(WidthMeasure.class);

    /** True when any event was the sweep's. */
    boolean accept(List<ExperimentEvent> events) {
        boolean changed = false;
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.WidthPointDone w) {
                for (WidthMeasure m : WidthMeasure.values()) {
                    summary.add(m, w.width(), m.of(w.row()));
                }
                changed = true;
            } else if (e instanceof ExperimentEvent.WidthFitUpdated f) {
                fits.put(f.measure(), f.fit());
                changed = true;
            }
        }
        return changed;
    }

    List<SeedSummary.Row> rows(WidthMeasure m) {
        return summary.rows(m);
    }

    /** The fit of a measure, null before the run reports one. */
    PowerLawFitResult fit(WidthMeasure m) {
        return fits.get(m);
    }

    String legend(WidthMeasure m) {
        PowerLawFitResult f = fits.get(m);
        return f == null ? m.label() : m.label() + ": " + ScalingModel.alpha(f);
    }

    String caption() {
        int widths = 0;
        for (WidthMeasure m : WidthMeasure.values()) {
            widths = Math.max(widths, summary.rows(m).size());
        }
        return widths == 0 ? "How close each width's kernel is to the infinite NTK, and how far it moves in training."
                : "At " + widths + " widths: distance of the initial kernel to the infinite NTK, kernel movement in "
                + "training and test error; dashed lines are fitted slopes.";
    }

    void clear() {
        summary.clear();
        fits.clear();
    }

    boolean isEmpty() {
        return summary.isEmpty();
    }
}
