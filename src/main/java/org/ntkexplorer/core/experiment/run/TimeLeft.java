package org.ntkexplorer.core.experiment.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.SpecFields;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.ShardPlan;
import org.ntkexplorer.core.experiment.store.UnitRow;

/**
 * How long the rest of a run takes, from the work that remains and the rates measured on it. A unit is a network
 * trained up to its step cap, then kernels built and solved; the two parts grow differently with n (steps to a cap
 * not at all, kernels as n² to build and n³ to solve), so a single law in n fitted to the small units, the old way,
 * said "261 s left" at n = 16,384 with 1,300 s to go. Here:
 * <ul>
 * <li>training left = steps left to the cap × seconds per step measured at that width (a stopping rule that ended
 * networks early scales the cap by the share of it the finished networks used), timed from the moment training
 * began: a scaling unit computes its eNTK at initialisation first, and that time is kernel time;</li>
 * <li>kernels left = the time a unit spent after its last evaluation, as a power law in n with exponent between 2
 * and 3 fitted over the sizes measured (2 while one size is measured, so the first extrapolation is a lower bound).</li>
 * </ul>
 * Nothing is estimated until a unit has finished in this process: before that no kernel has been timed, and a
 * guess from the first seconds of training was off by a factor of 17 in the window. Units a resumed folder had
 * already finished count as done; their times are not split into parts, so they set no rate.
 */
public final class TimeLeft {
    private static final double MIN_EXPONENT = 2;
    private static final double MAX_EXPONENT = 3;

    private final List<UnitKey> plan;
    private final ToLongFunction<UnitKey> stepCap;
    private final Map<UnitKey, Double> done = new LinkedHashMap<>();
    private final List<Measured> measured = new ArrayList<>();
    private UnitKey current;
    private double currentStart = Double.NaN;
    /** When the current unit's network began training: after any kernel its unit computes first. */
    private double trainStart = Double.NaN;
    private double lastEvaluation = Double.NaN;
    private long stepsDone;
    private long currentCap;

    /** Seconds of one finished unit, split at its last evaluation. */
    private record Measured(UnitKey unit, long steps, long cap, double trainSeconds, double kernelSeconds) {
    }

    /** @param stepCap the most steps the unit's network may take (0: the unit trains no network) */
    public TimeLeft(List<UnitKey> plan, ToLongFunction<UnitKey> stepCap) {
        this.plan = List.copyOf(plan);
        this.stepCap = stepCap;
    }

    /** For a run of this spec, counting the units its folder already marks finished (a resumed run). */
    public static TimeLeft of(ExperimentSpec spec, List<UnitRow> alreadyFinished) {
        TimeLeft t = new TimeLeft(RunPlan.units(spec), capOf(spec));
        alreadyFinished.forEach(r -> t.done.put(r.unit(), r.seconds()));
        return t;
    }

    /** For resuming a folder: its shard's units only (those its runner will count), with those already finished. */
    public static TimeLeft of(RunFolder folder) throws java.io.IOException {
        ExperimentSpec spec = folder.spec();
        TimeLeft t = new TimeLeft(ShardPlan.of(RunPlan.units(spec), folder.shard()), capOf(spec));
        folder.finishedUnits().forEach(r -> t.done.put(r.unit(), r.seconds()));
        return t;
    }

    private static ToLongFunction<UnitKey> capOf(ExperimentSpec spec) {
        // A unit without the network learner trains no network of its own (a pre-trained eNTK's network is timed
        // with the kernels: it sends no evaluations of the unit); studies without learners always train one.
        boolean trains = !StudyDefinition.of(spec.study()).keys().contains(SpecFields.LEARNERS.key())
                || spec.learners().contains(Learner.NETWORK);
        return u -> trains ? spec.budget().scheduleSteps(u.n(), spec.batchSize()) : 0;
    }

    /**
     * Takes one event of the run at {@code now} (seconds on any fixed clock). A unit begins when the previous one
     * finishes, or at the first call.
     */
    public void accept(ExperimentEvent e, double now) {
        if (Double.isNaN(currentStart)) {
            startUnit(now);
        }
        if (e instanceof ExperimentEvent.EpochDone d && d.unit().equals(current)) {
            stepsDone = d.step();
            currentCap = d.maxSteps();
            lastEvaluation = now;
        } else if (stepsDone == 0 && current != null && (e instanceof ExperimentEvent.StableRateEstimated r
                && r.unit().equals(current) || e instanceof ExperimentEvent.ScalingPointDone p
                && p.row().learner() != Learner.NETWORK && p.row().n() == current.n()
                && p.row().seed() == current.seed())) {
            // A scaling unit computes its eNTK at initialisation before it trains: at n = 16,384 (Myrtle-5) that
            // took half an hour, which counted as training made every step look 8 times as slow.
            trainStart = now;
            lastEvaluation = now;
        } else if (e instanceof ExperimentEvent.UnitFinished u) {
            double train = stepsDone > 0 && u.unit().equals(current) ? lastEvaluation - trainStart : 0;
            double total = u.seconds();
            measured.add(new Measured(u.unit(), stepsDone, currentCap, train, Math.max(0, total - train)));
            done.put(u.unit(), total);
            startUnit(now);
        }
    }

    private void startUnit(double now) {
        current = plan.stream().filter(u -> !done.containsKey(u)).findFirst().orElse(null);
        currentStart = now;
        trainStart = now;
        lastEvaluation = now;
        stepsDone = 0;
        currentCap = current == null ? 0 : stepCap.applyAsLong(current);
    }

    public int total() {
        return plan.size();
    }

    /** The unit being computed now: the first of the plan not finished; null when all are. */
    public UnitKey current() {
        return plan.stream().filter(u -> !done.containsKey(u)).findFirst().orElse(null);
    }

    /** Seconds left at {@code now}, or NaN until a unit has finished in this process. */
    public double secondsLeft(double now) {
        if (current() == null) {
            return 0;
        }
        if (measured.isEmpty()) {
            return Double.NaN;
        }
        double used = shareOfCapUsed();
        double left = 0;
        for (UnitKey u : plan) {
            if (done.containsKey(u)) {
                continue;
            }
            if (u.equals(current)) {
                double rate = stepsDone > 0 ? (lastEvaluation - trainStart) / stepsDone : secondsPerStep(u.width());
                double training = Math.max(0, currentCap * used - stepsDone) * rate;
                // Kernel time spent in this unit: what came before training, and what has run since it ended.
                // Before the first evaluation all the time so far counts, as a unit starts with its kernels.
                double kernelSpent = stepsDone == 0 ? now - currentStart
                        : trainStart - currentStart + (training > 0 ? 0 : now - lastEvaluation);
                left += training + Math.max(0, kernelSeconds(u.n()) - kernelSpent);
            } else {
                left += stepCap.applyAsLong(u) * used * secondsPerStep(u.width()) + kernelSeconds(u.n());
            }
        }
        return left;
    }

    /** The share of its cap a network used, over the finished ones (1 when training ran to the cap). */
    private double shareOfCapUsed() {
        double steps = 0;
        double caps = 0;
        for (Measured m : measured) {
            steps += m.steps;
            caps += m.cap;
        }
        return caps > 0 ? Math.min(1, steps / caps) : 1;
    }

    /** Seconds per step at this width: measured there, else the nearest measured width scaled by width². */
    private double secondsPerStep(int width) {
        Measured best = null;
        for (Measured m : measured) {
            if (m.steps > 0 && (best == null
                    || Math.abs(Math.log((double) m.unit.width() / width)) < Math.abs(Math.log((double) best.unit.width() / width)))) {
                best = m;
            }
        }
        if (best == null) {
            return 0;
        }
        double sum = 0;
        int count = 0;
        for (Measured m : measured) {
            if (m.steps > 0 && m.unit.width() == best.unit.width()) {
                sum += m.trainSeconds / m.steps;
                count++;
            }
        }
        double ratio = (double) width / best.unit.width();
        return sum / count * ratio * ratio;
    }

    /** Kernel seconds at n: the mean where measured, else a power law (exponent 2 to 3) through the measured means. */
    private double kernelSeconds(int n) {
        Map<Integer, double[]> byN = new LinkedHashMap<>();
        for (Measured m : measured) {
            double[] s = byN.computeIfAbsent(m.unit.n(), k -> new double[2]);
            s[0] += m.kernelSeconds;
            s[1]++;
        }
        double[] at = byN.get(n);
        if (at != null) {
            return at[0] / at[1];
        }
        double mx = 0;
        double my = 0;
        for (Map.Entry<Integer, double[]> e : byN.entrySet()) {
            mx += Math.log(e.getKey()) / byN.size();
            my += Math.log(Math.max(e.getValue()[0] / e.getValue()[1], 1e-3)) / byN.size();
        }
        double exponent = MIN_EXPONENT;
        if (byN.size() > 1) {
            double sxx = 0;
            double sxy = 0;
            for (Map.Entry<Integer, double[]> e : byN.entrySet()) {
                double dx = Math.log(e.getKey()) - mx;
                sxx += dx * dx;
                sxy += dx * (Math.log(Math.max(e.getValue()[0] / e.getValue()[1], 1e-3)) - my);
            }
            exponent = Math.max(MIN_EXPONENT, Math.min(MAX_EXPONENT, sxy / sxx));
        }
        return Math.exp(my + exponent * (Math.log(n) - mx));
    }
}
