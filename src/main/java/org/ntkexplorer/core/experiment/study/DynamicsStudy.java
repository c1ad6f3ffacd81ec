package org.ntkexplorer.core.experiment.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.experiment.spec.StudyParams;
import org.ntkexplorer.core.experiment.run.NetworkUnit;
import org.ntkexplorer.core.experiment.run.PreparedSplit;
import org.ntkexplorer.core.experiment.run.ProbeSnapshots;
import org.ntkexplorer.core.experiment.run.RunContext;
import org.ntkexplorer.core.experiment.run.StudyRun;
import org.ntkexplorer.core.experiment.run.TrainingLoop;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.TrainingRow;
import org.ntkexplorer.core.experiment.store.DynamicsRow;

/**
 * Study 3, kernel dynamics (docs/science.md, §The studies): one network per seed on the first size of the grid, its
 * eNTK on a fixed probe set after every {@code snapshotEvery} epochs and at the end of training.
 */
final class DynamicsStudy implements StudyRun {
    private final RunContext ctx;
    private final ProbeSnapshots snapshots;

    DynamicsStudy(RunContext ctx) {
        this.ctx = ctx;
        this.snapshots = new ProbeSnapshots(ctx);
    }

    @Override
    public List<UnitKey> units() {
        return units(ctx.spec);
    }

    static List<UnitKey> units(ExperimentSpec spec) {
        List<UnitKey> out = new ArrayList<>();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            out.add(new UnitKey(spec.nGrid()[0], spec.width(), seed, Double.NaN));
        }
        return out;
    }

    /** The unit's last evaluation (the end of its training) has its snapshot in dynamics.csv. */
    @Override
    public boolean holdsAllOf(UnitKey u) throws java.io.IOException {
        long end = ctx.folder.table(TrainingRow.SCHEMA).read().stream().filter(t -> t.unit().equals(u)).mapToLong(TrainingRow::step)
                .max().orElse(-1);
        return end >= 0 && ctx.folder.table(DynamicsRow.SCHEMA).read().stream().anyMatch(d -> d.sameUnit(u) && d.step() == end);
    }

    @Override
    public void run(UnitKey u, Checkpoint resume) {
        PreparedSplit[] split = ctx.split(u.n(), u.seed());
        NetworkUnit unit = new NetworkUnit(u, ctx.network(u.width(), split[0], u.seed(),
                ctx.spec.transform()), split[0], split[1]);
        PreparedSplit probe = unit.train.head(ctx.spec.probeSize());
        Snapshots s = new Snapshots(unit, probe);
        if (resume != null && resume.arrays().containsKey("k0") && resume.arrays().containsKey("previous")) {
            s.k0 = resume.arrays().get("k0");
            s.previous = resume.arrays().get("previous");
            s.previousEpoch = (int) Math.round(resume.numbers().getOrDefault("previousEpoch", 0.0));
        } else {
            resume = null;
            s.k0 = ctx.probeKernel(unit.net, probe);
            snapshots.referenceSpectrum(probe, u.seed(), u.n());
            snapshots.take(unit.net, probe, unit.test, u.seed(), u.n(), 0, 0, s.k0, s.k0, null, 0, Double.NaN,
                    unit.evaluateTest().error());
            s.previous = s.k0;
        }
        new TrainingLoop(ctx).train(unit, checkpointName(u), resume, s, new double[] {0, 1});
    }

    /** The snapshots of one network, and what the next one is compared with. */
    private final class Snapshots implements TrainingLoop.Hooks {
        private final NetworkUnit unit;
        private final PreparedSplit probe;
        private INDArray k0;
        private INDArray previous;
        private int previousEpoch;

        Snapshots(NetworkUnit unit, PreparedSplit probe) {
            this.unit = unit;
            this.probe = probe;
        }

        @Override
        public boolean afterEpoch(TrainingLoop.EpochEnd e) {
            if (e.epoch() % ctx.spec.params(StudyParams.Dynamics.class).snapshotEvery() != 0 && !e.last()) {
                return false;
            }
            // The same fraction as the training loop reports (steps of the budget), so progress never runs back.
            ctx.progress((double) e.step() / ctx.spec.budget().scheduleSteps(unit.train.size(), ctx.spec.batchSize()),
                    "kernel snapshot, epoch " + e.epoch());
            INDArray k = ctx.probeKernel(unit.net, probe);
            double loss = Double.isNaN(e.trainLoss()) ? e.epochLoss() : e.trainLoss();
            double testError = Double.isNaN(e.testError()) ? unit.evaluateTest().error() : e.testError();
            snapshots.take(unit.net, probe, unit.test, unit.key.seed(), unit.key.n(), e.epoch(), e.step(), k0, k,
                    previous, e.epoch() - previousEpoch, loss, testError);
            previous = k;
            previousEpoch = e.epoch();
            return true;
        }

        @Override
        public Map<String, INDArray> arrays() {
            return Map.of("k0", k0, "previous", previous);
        }

        @Override
        public Map<String, Double> numbers() {
            return Map.of("previousEpoch", (double) previousEpoch);
        }
    }
}
