package org.ntkexplorer.core.experiment.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.experiment.spec.StudyParams;
import org.ntkexplorer.core.kernel.KernelAlignment;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.NetworkUnit;
import org.ntkexplorer.core.experiment.run.PreparedSplit;
import org.ntkexplorer.core.experiment.run.RunContext;
import org.ntkexplorer.core.experiment.run.StudyRun;
import org.ntkexplorer.core.experiment.run.TrainingLoop;
import org.ntkexplorer.core.experiment.run.TrainingOutcome;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.WidthRow;

/**
 * Study 4, the width sweep (docs/science.md, §The studies): for each width and seed, the relative distance of the eNTK
 * at initialisation to the infinite NTK on the probe set, how far the kernel moves in training, and the network's
 * test figures.
 */
final class WidthSweepStudy implements StudyRun {
    private final RunContext ctx;

    WidthSweepStudy(RunContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<UnitKey> units() {
        return units(ctx.spec);
    }

    static List<UnitKey> units(ExperimentSpec spec) {
        List<UnitKey> out = new ArrayList<>();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            for (int width : spec.params(StudyParams.WidthSweep.class).widths()) {
                out.add(new UnitKey(spec.nGrid()[0], width, seed, Double.NaN));
            }
        }
        return out;
    }

    @Override
    public boolean holdsAllOf(UnitKey u) throws java.io.IOException {
        return ctx.folder.table(WidthRow.SCHEMA).read().stream().anyMatch(w -> w.width() == u.width() && w.seed() == u.seed());
    }

    @Override
    public void run(UnitKey u, Checkpoint resume) {
        try {
            if (holdsAllOf(u)) {
                // Its row was written but the run stopped before marking the unit finished.
                return;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        PreparedSplit[] split = ctx.split(u.n(), u.seed());
        NetworkUnit unit = new NetworkUnit(u, ctx.network(u.width(), split[0], u.seed(),
                ctx.spec.transform()), split[0], split[1]);
        PreparedSplit probe = unit.train.head(ctx.spec.probeSize());
        INDArray k0;
        if (resume != null && resume.arrays().containsKey("k0")) {
            k0 = resume.arrays().get("k0");
        } else {
            resume = null;
            k0 = ctx.probeKernel(unit.net, probe).castTo(DataType.DOUBLE);
        }
        INDArray theta = ctx.infiniteKernel(probe.inputs().columns()).train(probe.inputs()).ntk();
        double toInfinite = k0.sub(theta).norm2Number().doubleValue() / theta.norm2Number().doubleValue();
        INDArray start = k0;
        TrainingOutcome out = new TrainingLoop(ctx).train(unit, checkpointName(u), resume, new TrainingLoop.Hooks() {
            @Override
            public Map<String, INDArray> arrays() {
                return Map.of("k0", start);
            }
        }, new double[] {0.1, 0.95});
        INDArray kt = ctx.probeKernel(unit.net, probe).castTo(DataType.DOUBLE);
        WidthRow row = new WidthRow(u.width(), u.seed(), toInfinite, KernelAlignment.distance(k0, kt),
                out.test().error(), out.test().mse(), out.steps(), out.converged());
        ctx.folder.table(WidthRow.SCHEMA).append(row);
        ctx.emit(new ExperimentEvent.WidthPointDone(row));
        ctx.refit();
    }
}
