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
import org.ntkexplorer.core.model.OutputTransform;

/**
 * Study 5, the lazy–rich dial (docs/science.md, §Richness): for each n, seed and richness α of the grid, the
 * centred network α·(f − f₀) trained under the spec's protocol on L/α², with its kernel movement and kernel–target
 * alignment on the probe set; and, once per n and seed, kernel regression with the eNTK at initialisation (the eNTK
 * of α·(f − f₀) is α² times f's, and regression with a relative ridge does not see that scale) and the other kernel
 * learners of the spec. The scaling exponent is fitted per α.
 */
final class RichnessStudy implements StudyRun {
    private final RunContext ctx;
    private final KernelLearners kernels;

    RichnessStudy(RunContext ctx) {
        this.ctx = ctx;
        this.kernels = new KernelLearners(ctx);
    }

    @Override
    public List<UnitKey> units() {
        return units(ctx.spec);
    }

    static List<UnitKey> units(ExperimentSpec spec) {
        List<UnitKey> out = new ArrayList<>();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            for (int n : spec.nGrid()) {
                for (double a : spec.richnessGrid()) {
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
    private Set<Learner> missing(UnitKey u) throws IOException {
        boolean kernelsHere = u.richness() == ctx.spec.richnessGrid()[0];
        Set<Learner> todo = EnumSet.noneOf(Learner.class);
        todo.addAll(ctx.spec.learners());
        if (!kernelsHere) {
            todo.retainAll(Set.of(Learner.NETWORK));
        }
        for (ResultRow r : ctx.folder.results.read()) {
            if (r.n() == u.n() && r.seed() == u.seed()
                    && (r.learner() == Learner.NETWORK ? r.richness() == u.richness() : Double.isNaN(r.richness()))) {
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
        // The same initialisation at every α: only the output scale differs between the networks of a size and seed.
        NtkNetwork net = ctx.network(u.width(), train, u.seed(), OutputTransform.centered(u.richness()));
        for (Learner l : todo) {
            if (l == Learner.ENTK_INIT) {
                kernels.run(l, u.n(), u.seed(), train, test, () -> ctx.empiricalBlocks(net, train, test));
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
        INDArray k0 = resume != null && resume.arrays().containsKey("k0") ? resume.arrays().get("k0")
                : ctx.probeKernel(unit.net, probe);
        if (resume != null && !resume.arrays().containsKey("k0")) {
            resume = null;
        }
        TrainingOutcome out = new TrainingLoop(ctx).train(unit, checkpointName(u), resume, new TrainingLoop.Hooks() {
            @Override
            public Map<String, INDArray> arrays() {
                return Map.of("k0", k0);
            }
        }, new double[] {0.1, 0.95});
        INDArray kt = ctx.probeKernel(unit.net, probe);
        double alignment = probe.labels() == null ? Double.NaN : KernelAlignment.targetAlignment(kt, probe.labels());
        ctx.appendResult(new ResultRow(Learner.NETWORK, u.n(), u.seed(), u.richness(), out.test().error(),
                out.test().mse(), out.trainLoss(), out.trainError(), out.steps(), out.epochs(), out.converged(),
                KernelAlignment.distance(k0, kt), alignment, (System.nanoTime() - start) / 1e9));
    }
}
