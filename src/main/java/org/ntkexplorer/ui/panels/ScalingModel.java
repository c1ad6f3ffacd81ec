package org.ntkexplorer.ui.panels;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.Claims;
import org.ntkexplorer.core.experiment.analysis.ScalingTable;
import org.ntkexplorer.core.experiment.analysis.SeedSummary;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;

/**
 * What the scaling panel shows, without JavaFX: the points of each learner by metric, the fits and claim checks
 * the run reported, and the words drawn from them (legend entries, caption, claim line). {@link ScalingPanel} only
 * renders it, so what the panel claims is tested on the events alone (ScalingModelTest).
 */
final class ScalingModel {
    private final ScalingTable table = new ScalingTable();
    private final List<ResultRow> rows = new ArrayList<>();
    private final Map<Metric, Claims.Check> claims = new EnumMap<>(Metric.class);
    private final Map<Metric, Map<Learner, FitEntry>> fits = new EnumMap<>(Metric.class);

    /** Takes the events of a scaling study (a richness study's points, which carry an α, are not its); true if any. */
    boolean accept(List<ExperimentEvent> events) {
        boolean changed = false;
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.ScalingPointDone p && Double.isNaN(p.richness())) {
                table.add(p.row());
                rows.add(p.row());
                changed = true;
            } else if (e instanceof ExperimentEvent.ClaimChecked c) {
                if (c.check() == null) {
                    claims.remove(c.metric());
                } else {
                    claims.put(c.metric(), c.check());
                }
                changed = true;
            } else if (e instanceof ExperimentEvent.FitUpdated f && Double.isNaN(f.key().richness())) {
                fits.computeIfAbsent(f.key().metric(), k -> new EnumMap<>(Learner.class)).put(f.learner(), f.entry());
                changed = true;
            }
        }
        return changed;
    }

    void clear() {
        table.clear();
        rows.clear();
        fits.clear();
        claims.clear();
    }

    boolean isEmpty() {
        return table.isEmpty();
    }

    Set<Learner> learners() {
        return table.learners();
    }

    /** Mean and spread over seeds at each n. */
    List<SeedSummary.Row> summary(Learner l, Metric m) {
        return table.rows(l, m);
    }

    Map<Learner, FitEntry> fits(Metric m) {
        return fits.getOrDefault(m, Map.of());
    }

    /** The legend entry: the learner, its α (with the interval when there is one), ✱ when networks hit their cap. */
    String legend(Learner l, Metric m) {
        FitEntry fit = fits(m).get(l);
        return fit == null ? l.id() : l.id() + ": " + alpha(fit.fit()) + (fit.notConverged().isEmpty() ? "" : " ✱");
    }

    static String label(Metric m) {
        return m.label();
    }

    static String alpha(PowerLawFitResult f) {
        return "α = " + f.describe();
    }

    String caption(Metric m) {
        if (table.isEmpty()) {
            return "Each learner's " + label(m) + " against n, log–log; dashed lines are fitted power laws n^(−α).";
        }
        int seeds = (int) rows.stream().mapToLong(ResultRow::seed).distinct().count();
        return String.format(Locale.ROOT, "%s against n for %d learners, means over %d seed%s; steeper line = larger "
                + "α = faster learning from data.", label(m), table.learners().size(), seeds, seeds == 1 ? "" : "s");
    }

    /** The claim line under the chart, empty while the run has too little to check. */
    String verdict(Metric m) {
        Claims.Check c = claims.get(m);
        if (c == null) {
            return "";
        }
        if (c.verdict() == Claims.Verdict.CANNOT_TEST) {
            // One seed at some n: no interval, so no verdict either way, and no differences that look like one.
            return "Claim " + c.claim() + ", " + c.statement() + ": this run " + c.verdictText()
                    + ", so it shows no interval and no verdict.";
        }
        StringBuilder sb = new StringBuilder("Claim " + c.claim() + ", " + c.statement() + " (" + label(c.metric())
                + ", 95 % intervals over seeds): ");
        for (int i = 0; i < c.differences().size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(c.differences().get(i).describe());
        }
        return sb.append(". This run ").append(c.verdictText()).append('.').toString();
    }
}
