package org.ntkexplorer.core.experiment.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.kernel.EmpiricalNtkFootprint;
import org.ntkexplorer.core.experiment.spec.StudyParams;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.model.TrainingConfig;
import org.ntkexplorer.core.regression.GradientFlow;
import org.ntkexplorer.core.experiment.analysis.RichnessTable;
import org.ntkexplorer.core.experiment.run.Evaluation;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.PreparedSplit;
import org.ntkexplorer.core.experiment.run.RunContext;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.FlowRow;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * Study 5, the lazy–rich dial (docs/science.md, §Richness): for each n, seed and richness α of the grid, the
 * centred network α·(f − f₀) trained under the spec's protocol on L/α², with its kernel movement and kernel–target
 * alignment on the probe set; and, once per n and seed, kernel regression with the eNTK at initialisation (the eNTK
 * of α·(f − f₀) is α² times f's, and regression with a relative ridge does not see that scale) and the other kernel
 * learners of the spec. The scaling exponent is fitted per α. At the grid's largest α (wherever it stands), where
 * theory says the network is lazy, the eNTK's gradient flow over the network's own steps goes to lazy-flow.csv
 * ({@link FlowRow}): what the lazy end is compared with.
 */
final class RichnessStudy extends LearnerStudy {

    RichnessStudy(RunContext ctx) {
        super(ctx);
    }

    @Override
    public List<UnitKey> units() {
        return units(ctx.spec);
    }

    static List<UnitKey> units(ExperimentSpec spec) {
        List<UnitKey> out = new ArrayList<>();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            for (int n : spec.nGrid()) {
                for (double a : spec.params(StudyParams.Richness.class).grid()) {
                    out.add(new UnitKey(n, spec.width(), seed, a));
                }
            }
        }
        return out;
    }

    /**
     * What the folder lacks of a unit: its network, and, in the unit of the grid's first α, the kernel learners of
     * its size and seed (they do not depend on α).
     */
    @Override
    Set<Learner> missing(UnitKey u) throws IOException {
        boolean kernelsHere = u.richness() == ctx.spec.params(StudyParams.Richness.class).grid()[0];
        Set<Learner> todo = EnumSet.noneOf(Learner.class);
        todo.addAll(ctx.spec.learners());
        if (!kernelsHere) {
            todo.retainAll(Set.of(Learner.NETWORK));
        }
        for (ResultRow r : ctx.folder.table(ResultRow.SCHEMA).read()) {
            if (r.n() == u.n() && r.seed() == u.seed()
                    && (r.learner() == Learner.NETWORK ? r.richness() == u.richness() : Double.isNaN(r.richness()))) {
                todo.remove(r.learner());
            }
        }
        return todo;
    }

    @Override
    public boolean holdsAllOf(UnitKey u) throws IOException {
        return super.holdsAllOf(u) && !flowMissing(u);
    }

    @Override
    public void run(UnitKey u, Checkpoint resume) {
        super.run(u, resume);
        try {
            if (flowMissing(u)) {
                runFlow(u);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Whether the unit should have a flow row and has none: at the grid's largest α, with the eNTK among the learners
     * and the squared loss (the flow is that of the squared loss), once the network's row is there.
     */
    private boolean flowMissing(UnitKey u) throws IOException {
        if (u.richness() != lazyEnd(ctx.spec.params(StudyParams.Richness.class).grid()) || !flowApplies(ctx.spec)) {
            return false;
        }
        for (FlowRow r : ctx.folder.table(FlowRow.SCHEMA).read()) {
            if (r.n() == u.n() && r.seed() == u.seed() && r.richness() == u.richness()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The lazy end of the dial: the grid's largest α, wherever it stands in the grid (the grid is the spec's, in the
     * order written), as {@link RichnessTable} takes its largest fitted α.
     */
    static double lazyEnd(double[] grid) {
        return java.util.Arrays.stream(grid).max().orElse(Double.NaN);
    }

    /**
     * Whether the spec's run writes the eNTK's gradient flow at the lazy end: with the eNTK among the learners, the
     * squared loss (the flow is that of the squared loss) and SGD or momentum (an Adam step is no kernel flow).
     */
    static boolean flowApplies(ExperimentSpec spec) {
        return spec.learners().contains(Learner.ENTK_INIT) && spec.training().loss() == LossKind.MSE
                && spec.training().optimizer() != Optimizer.ADAM;
    }

    /**
     * The peak of {@link #runFlow} beyond what is alive: the n×n eNTK in the run's precision, its bounded test block
     * and work space, and the flow's float64 eigendecomposition (the Java array LAPACK works in, the eigenvectors and
     * K·V) with the test block in float64 and K*·V. None when the spec writes no flow.
     */
    static org.ntkexplorer.core.compute.Footprint flowFootprint(ExperimentSpec spec,
            org.ntkexplorer.core.model.NetworkSpec net, int n, int nTest) {
        if (!flowApplies(spec)) {
            return org.ntkexplorer.core.compute.Footprint.NONE;
        }
        double matrix = (double) n * n * Double.BYTES;
        double test = (double) nTest * n * Double.BYTES;
        return org.ntkexplorer.core.compute.Footprint.of("eNTK gradient flow: " + n + "×" + n + " kernel",
                        (double) n * n * spec.dtype().bytes(), 0)
                .plus(EmpiricalNtkFootprint.ofLearner(net, spec.dtype(), n, nTest))
                .plus(org.ntkexplorer.core.compute.Footprint.of("eNTK gradient flow: eigendecomposition of " + n + "×"
                        + n + " and test products", 2 * matrix + 2 * test, matrix));
    }

    /**
     * The linearised network of this unit under gradient flow (docs/science.md, §Richness): h = α(f − f₀) trained on
     * L(h)/α² moves as dh = −η·(2/(nC))·K·(h − y) per step, K the per-logit eNTK of f at initialisation (the α² of
     * the kernel cancels the loss's 1/α²); a minibatch step does so in expectation, and momentum β multiplies a slow
     * mode's rate by up to 1/(1 − β) as its velocity builds up. Stopped after the network's steps, from h = 0 as the centred network starts.
     */
    private void runFlow(UnitKey u) throws IOException {
        ResultRow net = null;
        for (ResultRow r : ctx.folder.table(ResultRow.SCHEMA).read()) {
            if (r.learner() == Learner.NETWORK && r.sameUnit(u)) {
                net = r;
            }
        }
        if (net == null || net.steps() < 0) {
            return;
        }
        ctx.monitor.checkCancelled();
        ctx.progress(0.97, "eNTK gradient flow, n = " + u.n());
        PreparedSplit[] split = ctx.split(u.n(), u.seed());
        NtkNetwork atInit = ctx.network(u.width(), split[0], u.seed(), transform(u));
        EmpiricalNtk ntk = EmpiricalNtk.of(atInit, ctx.spec.dtype(), 0, ctx.monitor);
        INDArray k = ntk.compute(split[0].inputs());
        // The test block with the work space of a kernel learner's, which flowFootprint counts.
        INDArray kTest = ntk.computeBounded(split[1].inputs(), split[0].inputs());
        GradientFlow flow = GradientFlow.of(k, kTest, split[0].regressionTargets());
        double time = flowTime(ctx.spec.training(), net.steps(),
                ctx.spec.budget().scheduleSteps(u.n(), ctx.spec.batchSize()), u.n(), split[0].outputs());
        Evaluation e = Evaluation.of(flow.predictTest(1, time), split[1]);
        FlowRow row = new FlowRow(u.n(), u.seed(), u.richness(), net.steps(), time, e.error(), e.mse());
        ctx.folder.table(FlowRow.SCHEMA).append(row);
        ctx.emit(new ExperimentEvent.RowDone(ctx.spec.study(), row));
        // The lazy end's verdict changes with the flow row, not only with a refit.
        verdicts(ctx.folder, true).forEach(ctx::emit);
    }

    /**
     * η·Σ_s multiplier(s)·g(s)·2/(nC) over {@code steps} steps of the schedule, g(s) what momentum β makes of a slow
     * mode's step s (from 1) with the gradient held: 1 for plain SGD, and for Nesterov (v ← βv − ηg,
     * θ ← θ + βv − ηg) 1 + β(1 − β^s)/(1 − β), which grows to 1/(1 − β) as the velocity builds up.
     */
    static double flowTime(TrainingConfig t, long steps, long scheduleSteps, int n, int outputs) {
        double beta = t.optimizer() == Optimizer.MOMENTUM ? t.momentum() : 0;
        double sum = 0;
        double power = 1;
        for (long s = 0; s < steps; s++) {
            power *= beta;
            double g = beta == 0 ? 1 : 1 + beta * (1 - power) / (1 - beta);
            sum += t.schedule().multiplier(s, scheduleSteps) * g;
        }
        return t.learningRate() * sum * 2.0 / ((double) n * outputs);
    }

    /** The same initialisation at every α: only the output scale differs between the networks of a size and seed. */
    @Override
    OutputTransform transform(UnitKey u) {
        return OutputTransform.centered(u.richness());
    }

    @Override
    boolean snapshots() {
        return false;
    }

    /**
     * The verdict of a run folder for every metric, as events: computed here, in the core, since the lazy end's
     * paired bootstrap is no work for the window's thread (the runner sends them after each refit and flow row, and
     * replay with the rest of a saved run).
     */
    static List<ExperimentEvent> verdicts(RunFolder folder, boolean flowPending) throws java.io.IOException {
        RichnessTable t = new RichnessTable();
        folder.table(ResultRow.SCHEMA).read().forEach(t::add);
        folder.table(FlowRow.SCHEMA).read().forEach(t::add);
        folder.fits().forEach((key, entry) -> {
            if (key instanceof FitKey.OfLearner l) {
                t.fit(l, entry);
            }
        });
        List<ExperimentEvent> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            out.add(new ExperimentEvent.RichnessVerdict(m, t.verdict(m, flowPending)));
        }
        return out;
    }
}
