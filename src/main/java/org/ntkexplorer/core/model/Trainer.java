package org.ntkexplorer.core.model;

import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatch training of an {@link NtkNetwork} with DL4J, one epoch per call so that callers can measure the
 * network and its kernel between epochs. Shuffling comes from the seed, so a run is repeatable on CPU.
 */
public final class Trainer {
    private final NtkNetwork network;
    private final TrainingConfig config;
    private final INDArray inputs;
    private final INDArray targets;
    private final long seed;
    private final int iterationsPerEpoch;
    private int epoch;
    private int iteration;

    /**
     * @param inputs  n × inputDim, one example per row (C×H×W order for images)
     * @param targets n × outputs: regression targets for MSE, one-hot rows for cross-entropy
     */
    public Trainer(NtkNetwork network, TrainingConfig config, INDArray inputs, INDArray targets, long seed) {
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
        this.iterationsPerEpoch = (int) Math.ceil(inputs.rows() / (double) config.batchSize());
    }

    public int epochsDone() {
        return epoch;
    }

    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    /**
     * One pass over the training set in shuffled minibatches.
     *
     * @return the mean minibatch training loss of the epoch (NaN or infinite when training diverged)
     */
    public double trainEpoch() {
        return trainEpoch(org.ntkexplorer.core.compute.TaskMonitor.NONE);
    }

    /** As {@link #trainEpoch()}, checking for cancellation before every minibatch. */
    public double trainEpoch(org.ntkexplorer.core.compute.TaskMonitor monitor) {
        MultiLayerNetwork net = network.dl4j();
        int n = (int) inputs.rows();
        int[] order = permutation(n, new Random(seed * 1_000_003L + epoch));
        int totalIterations = iterationsPerEpoch * config.epochs();
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < n; start += config.batchSize()) {
            monitor.checkCancelled();
            int end = Math.min(n, start + config.batchSize());
            int[] idx = java.util.Arrays.copyOfRange(order, start, end);
            INDArray xb = Nd4j.pullRows(inputs, 1, idx);
            INDArray yb = Nd4j.pullRows(targets, 1, idx);
            double lr = config.learningRate()
                    * config.schedule().multiplier(iteration, totalIterations, epoch, config.epochs());
            lossSum += network.fitBatch(xb, yb, lr);
            batches++;
            iteration++;
        }
        epoch++;
        return lossSum / batches;
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
