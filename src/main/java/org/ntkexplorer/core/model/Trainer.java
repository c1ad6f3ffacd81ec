package org.ntkexplorer.core.model;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.NativeParallel;
import org.ntkexplorer.core.compute.TaskMonitor;

/**
 * Minibatch training of an {@link NtkNetwork} with DL4J, one optimisation step at a time, so that a training loop
 * can stop after a step budget or a stopping rule and measure the network and its kernel in between. Each epoch is
 * one pass over the training set in an order drawn from (seed, epoch) alone, so training can stop after any step
 * and continue from a {@link Position} with the same numbers. The learning-rate schedule spans
 * {@code scheduleSteps} steps.
 */
public final class Trainer {
    private final NtkNetwork network;
    private final TrainingConfig config;
    private final INDArray inputs;
    private final INDArray targets;
    private final long seed;
    private final int stepsPerEpoch;
    private final long scheduleSteps;
    private int[] order;
    private Position at = Position.START;
    private double lastEpochLoss = Double.NaN;

    /**
     * Where training stands: steps taken, completed epochs, steps into the current epoch and the sum of this
     * epoch's minibatch losses so far.
     */
    public record Position(long step, int epoch, int stepInEpoch, double epochLossSum) {
        public static final Position START = new Position(0, 0, 0, 0);
    }

    /**
     * @param inputs        n × inputDim, one example per row (C×H×W order for images)
     * @param targets       n × columns the network's loss expects: targets for MSE, one-hot rows for
     *                      cross-entropy, and f₀(x) beside them for a centred network
     * @param scheduleSteps the steps the learning-rate schedule spans
     */
    public Trainer(NtkNetwork network, TrainingConfig config, INDArray inputs, INDArray targets, long seed,
                   long scheduleSteps) {
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException("inputs have " + inputs.rows() + " rows but targets " + targets.rows());
        }
        if (inputs.rows() == 0) {
            throw new IllegalArgumentException("cannot train on an empty training set");
        }
        var dt = network.dl4j().getLayerWiseConfigurations().getDataType();
        this.network = network;
        this.config = config;
        this.inputs = inputs.castTo(dt);
        this.targets = targets.castTo(dt);
        this.seed = seed;
        this.stepsPerEpoch = TrainingBudget.stepsPerEpoch((int) inputs.rows(), config.batchSize());
        this.scheduleSteps = Math.max(1, scheduleSteps);
    }

    /** A trainer whose schedule spans {@code config.epochs()} epochs, as before step budgets existed. */
    public Trainer(NtkNetwork network, TrainingConfig config, INDArray inputs, INDArray targets, long seed) {
        this(network, config, inputs, targets, seed,
                (long) config.epochs() * TrainingBudget.stepsPerEpoch((int) inputs.rows(), config.batchSize()));
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public Position position() {
        return at;
    }

    /** Continues from a saved position; the network must have been restored to the state it had there. */
    public void seek(Position p) {
        at = p;
        order = null;
    }

    /** True right after the step that completed an epoch. */
    public boolean atEpochEnd() {
        return at.stepInEpoch() == 0 && at.step() > 0;
    }

    /** The mean minibatch loss of the last completed epoch (NaN before the first). */
    public double lastEpochLoss() {
        return lastEpochLoss;
    }

    /** Mean minibatch loss of the steps taken so far in the current epoch (NaN at its start). */
    public double currentEpochLoss() {
        return at.stepInEpoch() == 0 ? Double.NaN : at.epochLossSum() / at.stepInEpoch();
    }

    /**
     * One optimisation step on the next minibatch.
     *
     * @return the minibatch loss before the step (NaN or infinite when training diverged)
     */
    public double step() {
        if (order == null) {
            order = permutation((int) inputs.rows(), new Random(seed * 1_000_003L + at.epoch()));
        }
        int n = order.length;
        int start = at.stepInEpoch() * config.batchSize();
        int end = Math.min(n, start + config.batchSize());
        int[] idx = java.util.Arrays.copyOfRange(order, start, end);
        INDArray xb;
        INDArray yb;
        // Gathering a minibatch's rows is too little work to split across threads; forked, it cost more than it did.
        try (NativeParallel.Scope single = NativeParallel.singleThreaded()) {
            xb = Nd4j.pullRows(inputs, 1, idx);
            yb = Nd4j.pullRows(targets, 1, idx);
        }
        double loss = network.fitBatch(xb, yb,
                config.learningRate() * config.schedule().multiplier(at.step(), scheduleSteps));
        double sum = at.epochLossSum() + loss;
        if (at.stepInEpoch() + 1 == stepsPerEpoch) {
            lastEpochLoss = sum / stepsPerEpoch;
            at = new Position(at.step() + 1, at.epoch() + 1, 0, 0);
            order = null;
        } else {
            at = new Position(at.step() + 1, at.epoch(), at.stepInEpoch() + 1, sum);
        }
        return loss;
    }

    /**
     * The rest of the current epoch, checking for cancellation before every step.
     *
     * @return the epoch's mean minibatch loss
     */
    public double trainEpoch(TaskMonitor monitor) {
        do {
            monitor.checkCancelled();
            step();
        } while (!atEpochEnd());
        return lastEpochLoss;
    }

    public double trainEpoch() {
        return trainEpoch(TaskMonitor.NONE);
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
