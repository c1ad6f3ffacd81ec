package org.ntkexplorer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.Claims;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;

/** The fits at the end of {@code run}, in fits.json's fixed order: learners as the study lists them, then metrics. */
final class FitSummary {
    private FitSummary() {
    }

    /**
     * One line per fit. With one run at some n there is nothing to bootstrap over there, so there is no interval
     * and the line says so; seeds that agree give an interval of zero width, which is printed as it is. Networks
     * that stopped at their cap without meeting the rule are counted.
     */
    static List<String> lines(Map<FitKey, FitEntry> fits) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<FitKey, FitEntry> e : fits.entrySet()) {
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

    /**
     * What the run's last claim check and richness lines (both computed in the core) say, one metric after the
     * other: "test_error: supports claim 1 (network α − entk-init α = 0.080 [0.030, 0.130])", and each of the
     * richness study's lines under its metric. Nothing for a study that sent neither.
     */
    static List<String> verdicts(List<ExperimentEvent> last) {
        List<String> out = new ArrayList<>();
        for (ExperimentEvent e : last) {
            if (e instanceof ExperimentEvent.ClaimChecked c && c.check() != null) {
                List<String> d = c.check().differences().stream().map(Claims.Difference::describe).toList();
                out.add(c.metric().id() + ": " + c.check().verdictText() + " (" + String.join("; ", d) + ")");
            } else if (e instanceof ExperimentEvent.RichnessVerdict v && !v.lines().isEmpty()) {
                out.add(v.metric().id() + ":");
                v.lines().forEach(line -> out.add("  " + line));
            }
        }
        return out;
    }
}
