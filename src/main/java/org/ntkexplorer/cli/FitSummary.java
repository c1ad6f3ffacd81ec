package org.ntkexplorer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ntkexplorer.core.experiment.FitKey;
import org.ntkexplorer.core.experiment.Fits;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

/** The fits at the end of {@code run}, in fits.json's fixed order: learners as the study lists them, then metrics. */
final class FitSummary {
    private FitSummary() {
    }

    /**
     * One line per fit. With one run at some n there is nothing to bootstrap over there, so there is no interval
     * and the line says so; seeds that agree give an interval of zero width, which is printed as it is. Networks
     * that stopped at their cap without meeting the rule are counted.
     */
    static List<String> lines(Map<FitKey, Fits.Entry> fits) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<FitKey, Fits.Entry> e : fits.entrySet()) {
            PowerLawFitResult f = e.getValue().fit();
            String interval = !f.hasInterval() ? "no interval: " + PowerLawFitResult.NEEDS_SEEDS + " per n"
                    : String.format(Locale.ROOT, "[%.3f, %.3f]", f.ciLow(), f.ciHigh());
            int missed = e.getValue().notConverged().size();
            out.add(String.format(Locale.ROOT, "%-32s alpha = %.3f  %s  (%d points)%s", e.getKey().id(), f.alpha(),
                    interval, f.pointsUsed(), missed == 0 ? "" : "; " + missed + (missed == 1 ? " network" : " networks")
                            + " did not meet the stopping rule"));
        }
        return out;
    }
}
