package org.ntkexplorer.core.experiment.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.kernel.KernelAlignment;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.experiment.run.KernelLearners;
import org.ntkexplorer.core.experiment.run.NetworkUnit;
import org.ntkexplorer.core.experiment.run.PreparedSplit;
import org.ntkexplorer.core.experiment.run.ProbeSnapshots;
import org.ntkexplorer.core.experiment.run.RunContext;
import org.ntkexplorer.core.experiment.run.StudyRun;
import org.ntkexplorer.core.experiment.run.TrainingLoop;
import org.ntkexplorer.core.experiment.run.TrainingOutcome;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.ResultRow;

/**
 * A study whose units are learners compared at one training-set size and seed (scaling, pretrained, richness): the
 * kernel learners first, with the network at its initialisation, then the network, trained under the spec's
 * protocol. Each learner writes one results.csv row, so a resumed unit computes only the learners it lacks.
 */
abstract class LearnerStudy implements StudyRun {
    protected final RunContext ctx;
    private final KernelLearners kernels;
    private final ProbeSnapshots snapshots;

    LearnerStudy(RunContext ctx) {
        this.ctx = ctx;
        this.kernels = new KernelLearners(ctx);
        this.snapshots = new ProbeSnapshots(ctx);
    }

    /** The learners whose rows the folder lacks for a unit. */
    abstract Set<Learner> missing(UnitKey u) throws IOException;

    /** What the training loss sees of the unit's network. */
    abstract OutputTransform transform(UnitKey u);

    /** Whether the network's probe kernel before and after training goes to dynamics.csv and spectra.csv. */
    abstract boolean snapshots();

    /** The pre-trained network of a seed, for the entk-pretrained learner. */
    NtkNetwork pretrained(long seed) {
        throw new IllegalStateException("this study has no pre-trained network");
    }

    @Override
    public boolean holdsAllOf(UnitKey u) throws IOException {
        return missing(u).isEmpty();
    }

    @Override
    public boolean networkDone(UnitKey u) throws IOException {
        return !missing(u).contains(Learner.NETWORK);
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
        NtkNetwork net = ctx.network(u.width(), train, u.seed(), transform(u));
        // Kernels of the network at initialisation come first: training changes the same network.
        for (Learner l : todo) {
            if (l == Learner.ENTK_INIT) {
                kernels.runEmpirical(l, net, u.n(), u.seed(), train, test);
            } else if (l == Learner.ENTK_PRETRAINED) {
                kernels.runEmpirical(l, pretrained(u.seed()), u.n(), u.seed(), train, test);
            } else if (l.needsInfiniteKernel()) {
                // The infinite NTK and the NNGP come from one pass, run at the first of them.
                if (l == firstInfinite(todo)) {
                    kernels.runInfinite(todo, u.n(), u.seed(), train, test);
                }
            }
            // A regression leaves features and blocks of hundreds of MB as garbage; ND4J's part of it is freed only
            // by a collection (see TrainingLoop.COLLECT_NANOS).
            System.gc();
        }
        if (todo.contains(Learner.NETWORK)) {
            trainNetwork(u, new NetworkUnit(u, net, train, test), resume);
        }
    }

    private static Learner firstInfinite(Set<Learner> todo) {
        for (Learner l : todo) {
            if (l.needsInfiniteKernel()) {
                return l;
            }
        }
        return null;
    }

    private void trainNetwork(UnitKey u, NetworkUnit unit, Checkpoint resume) {
        long start = System.nanoTime();
        PreparedSplit probe = unit.train.head(ctx.spec.probeSize());
        INDArray k0;
        if (resume != null && resume.arrays().containsKey("k0")) {
            k0 = resume.arrays().get("k0");
        } else {
            resume = null;
            k0 = ctx.probeKernel(unit.net, probe);
            if (snapshots()) {
                snapshots.referenceSpectrum(probe, u.seed(), u.n());
                snapshots.take(unit.net, probe, unit.test, u.seed(), u.n(), 0, 0, k0, k0, null, 0, Double.NaN,
                        unit.evaluateTest().error());
            }
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
            if (snapshots()) {
                snapshots.take(unit.net, probe, unit.test, u.seed(), u.n(), out.epochs(), out.steps(), k0, kt, k0,
                        out.epochs(), out.trainLoss(), out.test().error());
            }
        }
        ctx.appendResult(new ResultRow(Learner.NETWORK, u.n(), u.seed(), u.richness(), out.test().error(),
                out.test().mse(), out.trainLoss(), out.trainError(), out.steps(), out.epochs(), out.converged(),
                movement, alignment, out.stableRate(), (System.nanoTime() - start) / 1e9));
    }
}
