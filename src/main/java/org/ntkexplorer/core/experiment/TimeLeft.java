package org.ntkexplorer.core.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimate of how long the rest of a run takes, from the measured cost of its finished units weighted by their
 * size. A unit's size is n·width² (training steps and kernel entries grow with n, parameters with width²); a unit
 * of a size already measured is expected to cost what those did, other sizes follow a power law in size fitted to
 * the measured ones (exponent 1 while only one size is measured). Before any unit has finished, the current unit's
 * own progress gives a provisional cost once it is a tenth of the way through; before that there is no estimate.
 * Whatever the current unit has already spent is taken off its expected cost, so the estimate falls steadily
 * between units instead of jumping with each progress report.
 */
public final class TimeLeft {
    private static final double MIN_EXPONENT = 0.5;
    private static final double MAX_EXPONENT = 3;
    private static final double PROVISIONAL_FROM = 0.1;

    private final List<UnitKey> plan;
    private final Map<UnitKey, Double> seconds = new LinkedHashMap<>();

    public TimeLeft(List<UnitKey> plan) {
        this.plan = List.copyOf(plan);
    }

    /** For a run of this spec, counting the units its folder already marks finished (a resumed run). */
    public static TimeLeft of(ExperimentSpec spec, List<UnitRow> alreadyFinished) {
        TimeLeft t = new TimeLeft(RunPlan.units(spec));
        for (UnitRow r : alreadyFinished) {
            t.finished(r.unit(), r.seconds());
        }
        return t;
    }

    /** For resuming a folder: its shard's units only (those its runner will count), with those already finished. */
    public static TimeLeft of(RunFolder folder) throws java.io.IOException {
        TimeLeft t = new TimeLeft(ShardPlan.of(RunPlan.units(folder.spec()), folder.shard()));
        for (UnitRow r : folder.finishedUnits()) {
            t.finished(r.unit(), r.seconds());
        }
        return t;
    }

    public void finished(UnitKey unit, double unitSeconds) {
        seconds.put(unit, unitSeconds);
    }

    public int total() {
        return plan.size();
    }

    /** The unit being computed now: the first of the plan not finished; null when all are. */
    public UnitKey current() {
        for (UnitKey u : plan) {
            if (!seconds.containsKey(u)) {
                return u;
            }
        }
        return null;
    }

    /**
     * Seconds left, or NaN while nothing has been measured yet.
     *
     * @param overallFraction  the run's progress in [0, 1] as last reported
     * @param elapsedInCurrent seconds since the current unit began
     */
    public double secondsLeft(double overallFraction, double elapsedInCurrent) {
        UnitKey current = current();
        if (current == null) {
            return 0;
        }
        List<double[]> measured = new ArrayList<>();
        seconds.forEach((u, s) -> measured.add(new double[] {size(u), s}));
        double within = overallFraction * plan.size() - seconds.size();
        boolean provisional = measured.isEmpty() && within >= PROVISIONAL_FROM && elapsedInCurrent > 0;
        if (provisional) {
            measured.add(new double[] {size(current), elapsedInCurrent / within});
        }
        if (measured.isEmpty()) {
            return Double.NaN;
        }
        Model model = Model.fit(measured);
        double left = 0;
        for (UnitKey u : plan) {
            if (!seconds.containsKey(u) && !u.equals(current)) {
                left += model.cost(size(u));
            }
        }
        return left + Math.max(0, model.cost(size(current)) - elapsedInCurrent);
    }

    private static double size(UnitKey u) {
        return (double) u.n() * u.width() * u.width();
    }

    /** Cost against size: the mean at a measured size, else a power law through the measured sizes' means. */
    private record Model(Map<Double, Double> meanAt, double logA, double exponent) {
        static Model fit(List<double[]> measured) {
            Map<Double, double[]> sums = new LinkedHashMap<>();
            for (double[] m : measured) {
                double[] s = sums.computeIfAbsent(m[0], k -> new double[2]);
                s[0] += m[1];
                s[1]++;
            }
            Map<Double, Double> mean = new LinkedHashMap<>();
            sums.forEach((k, s) -> mean.put(k, s[0] / s[1]));
            double mx = 0;
            double my = 0;
            for (Map.Entry<Double, Double> e : mean.entrySet()) {
                mx += Math.log(e.getKey()) / mean.size();
                my += Math.log(Math.max(e.getValue(), 1e-3)) / mean.size();
            }
            double exponent = 1;
            if (mean.size() > 1) {
                double sxx = 0;
                double sxy = 0;
                for (Map.Entry<Double, Double> e : mean.entrySet()) {
                    double dx = Math.log(e.getKey()) - mx;
                    sxx += dx * dx;
                    sxy += dx * (Math.log(Math.max(e.getValue(), 1e-3)) - my);
                }
                exponent = Math.max(MIN_EXPONENT, Math.min(MAX_EXPONENT, sxy / sxx));
            }
            return new Model(mean, my - exponent * mx, exponent);
        }

        double cost(double size) {
            Double m = meanAt.get(size);
            return m != null ? m : Math.exp(logA + exponent * Math.log(size));
        }
    }
}
