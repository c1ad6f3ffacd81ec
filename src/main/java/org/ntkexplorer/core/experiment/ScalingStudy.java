package org.ntkexplorer.core.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.kernel.KernelAlignment;
import org.ntkexplorer.core.model.NtkNetwork;

/**
 * Studies 1 and 2, data scaling (docs/science.md, §The studies): for each n and seed, kernel regression with the
 * network's eNTK at initialisation, the infinite-width kernels and (study 2) the eNTK of a network pre-trained on
 * n0 examples, then the network itself, trained under the spec's protocol, with its probe kernel before and after.
 */
final class ScalingStudy implements StudyRun {
    private final RunContext ctx;
    private final KernelLearners kernels;
    private final ProbeSnapshots snapshots;
    private final PretrainedNetworks pretrained;

    ScalingStudy(RunContext ctx) {
        this.ctx = ctx;
        this.kernels = new KernelLearners(ctx);
        this.snapshots = new ProbeSnapshots(ctx);
        this.pretrained = new PretrainedNetworks(ctx);
    }

    @Override
    public List<UnitKey> units() {
        return units(ctx.spec);
    }

    static List<UnitKey> units(ExperimentSpec spec) {
        List<UnitKey> out = new ArrayList<>();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            for (int n : spec.nGrid()) {
                out.add(new UnitKey(n, spec.width(), seed, Double.NaN));
            }
        }
        return out;
    }

    /** The spec's learners that the folder has no row of for this unit yet. */
    private Set<Learner> missing(UnitKey u) throws IOException {
        Set<Learner> todo = EnumSet.noneOf(Learner.class);
        todo.addAll(ctx.spec.learners());
        for (ResultRow r : ctx.folder.results.read()) {
            if (r.sameUnit(u)) {
                todo.remove(r.learner());
            }
        }
        return todo;
    }

    @Override
    public boolean holdsAllOf(UnitKey u) throws IOException {
        return missing(u).isEmpty();
    }

    @Override
    public void run(UnitKey u, Checkpoint resume) {
        Set<Learner> todo;
        try {
            todo = missing(u);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (todo.isEmpty()) {
            return;
        }
        PreparedSplit[] split = ctx.split(u.n(), u.seed());
        PreparedSplit train = split[0];
        PreparedSplit test = split[1];
        NtkNetwork net = ctx.network(u.width(), train, u.seed(), ctx.spec.transform(Double.NaN));
        // Kernels of the network at initialisation come first: training changes the same network.
        for (Learner l : todo) {
            if (l == Learner.ENTK_INIT) {
                kernels.run(l, u.n(), u.seed(), train, test, () -> ctx.empiricalBlocks(net, train, test));
            } else if (l == Learner.ENTK_PRETRAINED) {
                NtkNetwork after = pretrained.forSeed(u.seed());
                kernels.run(l, u.n(), u.seed(), train, test, () -> ctx.empiricalBlocks(after, train, test));
            } else if (l.needsInfiniteKernel()) {
                kernels.run(l, u.n(), u.seed(), train, test, () -> kernels.infiniteBlocks(l, train, test));
            }
        }
        if (todo.contains(Learner.NETWORK)) {
            trainNetwork(u, new NetworkUnit(u, net, train, test), resume);
        }
    }

    private void trainNetwork(UnitKey u, NetworkUnit unit, Checkpoint resume) {
        long start = System.nanoTime();
        PreparedSplit probe = unit.train.head(ctx.spec.probeSize());
        INDArray k0;
        if (resume != null && resume.arrays().containsKey("k0")) {
            k0 = resume.arrays().get("k0");
        } else {
            resume = null;
            snapshots.referenceSpectrum(probe, u.seed(), u.n());
            k0 = ctx.probeKernel(unit.net, probe);
            snapshots.take(unit.net, probe, unit.test, u.seed(), u.n(), 0, 0, k0, k0, null, 0, Double.NaN,
                    unit.evaluateTest().error());
        }
        TrainingOutcome out = new TrainingLoop(ctx).train(unit, checkpointName(u), resume, new TrainingLoop.Hooks() {
            @Override
            public Map<String, INDArray> arrays() {
                return Map.of("k0", k0);
            }
        }, new double[] {0.2, 0.95});
        double movement = Double.NaN;
        double alignment = Double.NaN;
        if (out.steps() > 0) {
            // The probe kernel before and after training shows how far this network's kernel moved.
            INDArray kt = ctx.probeKernel(unit.net, probe);
            movement = KernelAlignment.distance(k0, kt);
            alignment = probe.labels() == null ? Double.NaN : KernelAlignment.targetAlignment(kt, probe.labels());
            snapshots.take(unit.net, probe, unit.test, u.seed(), u.n(), out.epochs(), out.steps(), k0, kt, k0,
                    out.epochs(), out.trainLoss(), out.test().error());
        }
        ctx.appendResult(new ResultRow(Learner.NETWORK, u.n(), u.seed(), u.richness(), out.test().error(),
                out.test().mse(), out.trainLoss(), out.trainError(), out.steps(), out.epochs(), out.converged(),
                movement, alignment, (System.nanoTime() - start) / 1e9));
    }

    @Override
    public void finish() {
        pretrained.deleteAll();
    }
}
