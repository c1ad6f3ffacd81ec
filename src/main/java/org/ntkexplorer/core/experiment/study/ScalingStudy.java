package org.ntkexplorer.core.experiment.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.experiment.run.PretrainedNetworks;
import org.ntkexplorer.core.experiment.run.RunContext;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;

/**
 * Studies 1 and 2, data scaling (docs/science.md, §The studies): for each n and seed, kernel regression with the
 * network's eNTK at initialisation, the infinite-width kernels and (study 2) the eNTK of a network pre-trained on
 * n0 examples, then the network itself, trained under the spec's protocol, with its probe kernel before and after.
 */
final class ScalingStudy extends LearnerStudy {
    private final PretrainedNetworks pretrained;

    ScalingStudy(RunContext ctx) {
        super(ctx);
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
    @Override
    Set<Learner> missing(UnitKey u) throws IOException {
        Set<Learner> todo = EnumSet.noneOf(Learner.class);
        todo.addAll(ctx.spec.learners());
        for (ResultRow r : ctx.folder.table(ResultRow.SCHEMA).read()) {
            if (r.sameUnit(u)) {
                todo.remove(r.learner());
            }
        }
        if (ctx.kernelBlocks > 0) {
            // Row-block units compute these kernels, and the run solves them once every block is in the folder.
            todo.removeIf(Learner::needsInfiniteKernel);
        }
        return todo;
    }

    @Override
    OutputTransform transform(UnitKey u) {
        return ctx.spec.transform();
    }

    @Override
    boolean snapshots() {
        return true;
    }

    @Override
    NtkNetwork pretrained(long seed) {
        return pretrained.forSeed(seed);
    }

    @Override
    public void finish() {
        pretrained.deleteAll();
    }
}
