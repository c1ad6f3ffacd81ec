package org.ntkexplorer.core.experiment.run;

import java.util.Map;

import org.ntkexplorer.core.data.DataSplit;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.WithoutExamples;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;

/**
 * The networks of study 2, one per seed: trained under the spec's protocol, with an initialisation of their own, on
 * n0 examples disjoint from the test set and from every kernel-regression training set of the seed (those are nested,
 * so leaving out the largest leaves out all), so that the after-kernel brings what was learned on other data. The trained parameters are kept in the run
 * folder until the run ends, so a resume or another shard does not train them again, and its training is reported
 * in run.log (how good the network is whose kernel is taken matters for reading claim 2).
 */
public final class PretrainedNetworks {
    private static final long INIT_OFFSET = 1_000_003L;
    private final RunContext ctx;
    private long seedHeld = -1;
    private NtkNetwork held;

    public PretrainedNetworks(RunContext ctx) {
        this.ctx = ctx;
    }

    private static String trainingName(long seed) {
        return "pretrain-s" + seed;
    }

    private static String finishedName(long seed) {
        return "pretrained-s" + seed;
    }

    public NtkNetwork forSeed(long seed) {
        if (seedHeld == seed) {
            return held;
        }
        PreparedSplit[] split = ctx.prepare(ctx.select(apart(seed), ctx.spec.n0(), seed));
        NtkNetwork net = ctx.network(ctx.spec.width(), split[0], INIT_OFFSET + seed, ctx.spec.transform());
        Checkpoint done = Checkpoint.read(ctx.folder.checkpointFile(finishedName(seed)), ctx.folder::warn);
        if (done != null) {
            net.restore(done.network());
        } else {
            UnitKey key = new UnitKey(ctx.spec.n0(), ctx.spec.width(), seed, Double.NaN);
            NetworkUnit unit = new NetworkUnit(key, net, split[0], split[1]);
            ctx.folder.log("pre-training on n0 = " + ctx.spec.n0() + " for seed " + seed);
            Checkpoint partial = Checkpoint.read(ctx.folder.checkpointFile(trainingName(seed)), ctx.folder::warn);
            TrainingOutcome out = new TrainingLoop(ctx, false).train(unit, trainingName(seed), partial,
                    new TrainingLoop.Hooks() { }, new double[] {0.05, 0.05});
            ctx.folder.log(String.format(java.util.Locale.ROOT, "pre-trained network for seed %d: %d steps, "
                    + "train error %.4f, train loss %.3g, test error %.4f%s", seed, out.steps(), out.trainError(),
                    out.trainLoss(), out.test().error(), out.converged() == null ? ""
                            : out.converged() ? ", stopping rule met" : ", stopping rule NOT met"));
            saveFinished(seed, net);
            ctx.folder.deleteCheckpoint(trainingName(seed));
        }
        seedHeld = seed;
        held = net;
        return net;
    }

    private void saveFinished(long seed, NtkNetwork net) {
        try {
            new Checkpoint(org.ntkexplorer.core.model.Trainer.Position.START, net.state(), Map.of(), Map.of())
                    .write(ctx.folder.checkpointFile(finishedName(seed)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The dataset without the seed's largest regression training set (and test set, when drawn from training). */
    private DatasetSource apart(long seed) {
        int largest = java.util.Arrays.stream(ctx.spec.nGrid()).max().orElseThrow();
        DataSplit regression = ctx.select(ctx.source, largest, seed);
        int[] used = regression.train().sourceIndices();
        if (ctx.source.test().isEmpty()) {
            used = java.util.stream.IntStream.concat(java.util.Arrays.stream(used),
                    java.util.Arrays.stream(regression.test().sourceIndices())).toArray();
        }
        return new WithoutExamples(ctx.source, used);
    }

    public void deleteAll() {
        for (long seed = 0; seed < ctx.spec.seeds(); seed++) {
            ctx.folder.deleteCheckpoint(finishedName(seed));
            ctx.folder.deleteCheckpoint(trainingName(seed));
        }
    }
}
