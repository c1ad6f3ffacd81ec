package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.CancelledException;
import org.ntkexplorer.core.model.SharpnessEstimator;
import org.ntkexplorer.core.model.StableRate;
import org.ntkexplorer.core.model.TrainingBudget;
import org.ntkexplorer.core.model.Trainer;
import org.ntkexplorer.core.experiment.analysis.LossSpikes;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.TrainingRow;
import org.ntkexplorer.core.experiment.store.SpikeRow;

/**
 * The one training loop of every study (docs/science.md, §Training protocol): it trains a {@link NetworkUnit} for
 * the spec's {@link TrainingBudget}, measures the network on its whole training and test sets every few epochs and
 * at the end (training.csv, {@link ExperimentEvent.EpochDone}), stops early when a stopping rule is met, lets the
 * study look at the network after every epoch, and checkpoints it so that an interrupted run continues exactly
 * where it was.
 */
public final class TrainingLoop {
    /** At most this many evaluations per network, so small training sets with many short epochs stay cheap. */
    private static final int EVALUATIONS = 100;
    private static final long CHECKPOINT_NANOS = 10_000_000_000L;
    /**
     * ND4J frees an array's native buffer only once the collector has found its Java object dead, and the objects
     * are too small to fill the heap: left alone, a long run's dead gradients, evaluations and snapshot kernels
     * grew the process to 19 GB before JavaCPP's ceiling forced a collection. A full collection every few seconds
     * (tens of milliseconds with this small heap) keeps it near what is alive.
     */
    private static final long COLLECT_NANOS = 5_000_000_000L;
    /**
     * Training examples the stable rate is estimated on (a seeded subsample beyond them, with its error stated): the
     * estimate's power iteration costs tens of float64 passes over them, which for a CNN are slow.
     */
    private static final int STABLE_RATE_EXAMPLES_MLP = 256;
    private static final int STABLE_RATE_EXAMPLES_CNN = 64;

    /** What a study does between epochs; its arrays and numbers go into every checkpoint. */
    public interface Hooks {
        /**
         * After each completed epoch and at the end of training (whose last epoch may be partial).
         *
         * @return true when the hook did expensive work worth a checkpoint right away
         */
        public default boolean afterEpoch(EpochEnd e) {
            return false;
        }

        public default Map<String, INDArray> arrays() {
            return Map.of();
        }

        public default Map<String, Double> numbers() {
            return Map.of();
        }
    }

    /**
     * An epoch boundary: training figures when this epoch was evaluated (else NaN), and whether training ends here.
     */
    public record EpochEnd(int epoch, long step, boolean last, double epochLoss, double trainLoss, double testError) {
    }

    private final RunContext ctx;
    private final boolean recorded;

    /** @param recorded write the network's evaluations to training.csv (not for networks outside the units) */
    public TrainingLoop(RunContext ctx, boolean recorded) {
        this.ctx = ctx;
        this.recorded = recorded;
    }

    public TrainingLoop(RunContext ctx) {
        this(ctx, true);
    }

    /**
     * Trains to the end of the budget or rule.
     *
     * @param checkpoint name of this network's checkpoint in the run folder
     * @param resume     where to continue from, or null to start at step 0
     * @param share      {@code [from, to]} of the unit's progress that training takes
     */
    public TrainingOutcome train(NetworkUnit u, String checkpoint, Checkpoint resume, Hooks hooks, double[] share) {
        TrainingBudget budget = ctx.spec.budget();
        int n = u.train.size();
        long maxSteps = budget.scheduleSteps(n, ctx.spec.batchSize());
        Trainer trainer = new Trainer(u.net, ctx.spec.training(), u.train.inputs(), u.trainingTargets(), u.key.seed(),
                maxSteps);
        // At initialisation, before a checkpoint is restored, so a resumed network reports the same estimate.
        StableRate stable = stableRate(u);
        LossSpikes spikes = new LossSpikes(u.evaluateTrain().loss(), ctx.spec.batchSize() >= n);
        if (resume != null) {
            u.net.restore(resume.network());
            trainer.seek(resume.position());
            ctx.folder.log("continuing " + u.key.describe() + " from its checkpoint at step " + resume.position().step());
        }
        int maxEpochs = (int) Math.ceil(maxSteps / (double) trainer.stepsPerEpoch());
        int evalEvery = Math.max(1, (int) Math.ceil(maxEpochs / (double) EVALUATIONS));
        long lastSaved = trainer.position().step();
        long savedAt = System.nanoTime();
        long collectedAt = savedAt;
        Evaluation train = null;
        Evaluation test = null;
        boolean ruleMet = false;
        boolean hooksDone = true;
        try {
            while (trainer.position().step() < maxSteps) {
                ctx.monitor.checkCancelled();
                double loss = trainer.step();
                Evaluation.requireFinite(loss, "the training loss at step " + trainer.position().step());
                long step = trainer.position().step();
                spike(u, spikes.observe(step - 1, loss), trainer.stepsPerEpoch(), spikes);
                boolean last = step >= maxSteps;
                if (!trainer.atEpochEnd() && !last) {
                    continue;
                }
                int epoch = trainer.position().epoch() + (trainer.atEpochEnd() ? 0 : 1);
                train = null;
                test = null;
                if (last || epoch % evalEvery == 0) {
                    train = u.evaluateTrain();
                    test = u.evaluateTest();
                    record(u, epoch, step, maxSteps, train, test);
                    ruleMet = budget.ruleMet(train.error(), train.loss());
                    last |= ruleMet;
                }
                hooksDone = false;
                boolean worth = hooks.afterEpoch(new EpochEnd(epoch, step, last,
                        trainer.atEpochEnd() ? trainer.lastEpochLoss() : trainer.currentEpochLoss(),
                        train == null ? Double.NaN : train.loss(), test == null ? Double.NaN : test.error()));
                hooksDone = true;
                ctx.progress(share[0] + (share[1] - share[0]) * step / maxSteps, "training " + u.key.describe()
                        + ", epoch " + epoch);
                if (last) {
                    break;
                }
                if (worth || System.nanoTime() - collectedAt > COLLECT_NANOS) {
                    System.gc();
                    collectedAt = System.nanoTime();
                }
                if (worth || System.nanoTime() - savedAt > CHECKPOINT_NANOS) {
                    save(u, checkpoint, trainer, hooks);
                    lastSaved = step;
                    savedAt = System.nanoTime();
                }
            }
        } catch (CancelledException e) {
            // A step is whole when cancel is noticed; work a hook left half-done is redone from the last checkpoint.
            if (hooksDone && trainer.position().step() > lastSaved) {
                save(u, checkpoint, trainer, hooks);
            }
            throw e;
        }
        if (train == null) {
            // Only when no step was taken (a budget of zero): the last epoch is always evaluated.
            train = u.evaluateTrain();
            test = u.evaluateTest();
            record(u, trainer.position().epoch(), trainer.position().step(), maxSteps, train, test);
        }
        spike(u, spikes.unfinished(), trainer.stepsPerEpoch(), spikes);
        Boolean converged = budget.hasRule() ? ruleMet : null;
        int epochs = trainer.position().epoch() + (trainer.position().stepInEpoch() > 0 ? 1 : 0);
        return new TrainingOutcome(trainer.position().step(), epochs, train.loss(), train.error(), test, converged,
                stable.bound());
    }

    /**
     * The largest stable learning rate of the network at initialisation (docs/science.md, §Largest stable learning
     * rate), written to run.log and sent to the listeners, with a warning when the spec's rate is above twice it.
     */
    private StableRate stableRate(NetworkUnit u) {
        int examples = u.net.spec().architecture().isConvolutional() ? STABLE_RATE_EXAMPLES_CNN
                : STABLE_RATE_EXAMPLES_MLP;
        SharpnessEstimator.Estimate e = new SharpnessEstimator(u.net).estimate(u.train.inputs(), examples,
                u.key.seed());
        StableRate s = StableRate.of(e, ctx.spec.training());
        double lr = ctx.spec.training().learningRate();
        String line = s.describe() + (s.hasBound() ? String.format(java.util.Locale.ROOT,
                "; the learning rate %.4g is %.2f× it", lr, s.multiple(lr)) : "");
        String warning = s.warning(lr);
        ctx.folder.log(u.key.describe() + ": " + line);
        if (warning != null) {
            ctx.folder.log(u.key.describe() + ": " + warning);
        }
        ctx.emit(new ExperimentEvent.StableRateEstimated(u.key, s.lambdaMax(), s.bound(), lr, line, warning));
        return s;
    }

    private void spike(NetworkUnit u, LossSpikes.Spike s, int stepsPerEpoch, LossSpikes all) {
        if (s == null) {
            return;
        }
        if (all.reported()) {
            ctx.folder.log(u.key.describe() + ": " + s.describe());
        }
        ExperimentEvent.LossSpike e = new ExperimentEvent.LossSpike(u.key, s.peakStep(),
                s.peakStep() / (double) stepsPerEpoch, s.ratio(), s.ratio() * all.start(), s.recoveredStep() >= 0);
        if (recorded) {
            // Saved, so a reopened run draws the same markers as the live one.
            ctx.folder.table(SpikeRow.SCHEMA).append(e.row());
        }
        ctx.emit(e);
    }

    private void record(NetworkUnit u, int epoch, long step, long maxSteps, Evaluation train, Evaluation test) {
        Evaluation.requireFinite(train.loss(), "the training loss at step " + step);
        UnitKey k = u.key;
        if (recorded) {
            ctx.folder.table(TrainingRow.SCHEMA).append(new TrainingRow(k.n(), k.width(), k.seed(), k.richness(), step, epoch, train.loss(),
                    train.error(), test.mse(), test.error()));
        }
        ctx.emit(new ExperimentEvent.EpochDone(k, epoch, step, maxSteps, train.loss(), train.error(), test.mse(),
                test.error()));
    }

    private void save(NetworkUnit u, String name, Trainer trainer, Hooks hooks) {
        try {
            new Checkpoint(trainer.position(), u.net.state(), hooks.arrays(), hooks.numbers())
                    .write(ctx.folder.checkpointFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint of " + u.key.describe() + ": "
                    + e.getMessage(), e);
        }
    }
}
