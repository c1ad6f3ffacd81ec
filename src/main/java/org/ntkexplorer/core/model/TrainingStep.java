package org.ntkexplorer.core.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.ntkexplorer.core.compute.NativeParallel;

/**
 * One minibatch step of an {@link NtkNetwork}: the loss gradient from {@link PlanPass}, the update from the DL4J
 * network's own updater. So optimiser state (momentum, Adam moments), weight decay, the learning rate and the
 * iteration count are DL4J's, and the step equals {@code MultiLayerNetwork.fit} up to float rounding of the
 * gradient; the loss and its gradient with respect to the logits come from the network's DL4J loss function.
 * A minibatch is split into parts run at once by {@link NativeParallel}, whose gradients are summed.
 */
final class TrainingStep {
    /**
     * Rows of a minibatch per part of its gradient. The parts depend on the minibatch alone, never on the thread count,
     * so the gradient is summed in the same order on 1 thread or 16 and a spec gives the same numbers whatever
     * {@code --threads} says (docs/science.md, §Reproducibility); 32 rows keep a batch of 64 in two parts, as two
     * cores ran it before.
     */
    private static final int ROWS_PER_GRADIENT_PART = 32;
    /** Rows per part of a forward pass over a whole split, for the same reason. */
    private static final int ROWS_PER_FORWARD_PART = NetworkFootprint.EVALUATION_PART_ROWS;

    private final MultiLayerNetwork net;
    private final LayerPlan plan;
    private final int outputs;
    /** One pass per part of a minibatch, so that parts can run at once. */
    private final List<PlanPass> passes = new ArrayList<>();
    private final Map<String, List<INDArray>> partGradients = new HashMap<>();
    private final List<INDArray> weights = new ArrayList<>();
    private final List<INDArray> biases = new ArrayList<>();
    private final List<INDArray> gradW = new ArrayList<>();
    private final List<INDArray> gradB = new ArrayList<>();
    private final Gradient gradient;
    private final ILossFunction lossFunction;
    private final IActivation outputActivation;

    TrainingStep(NtkNetwork network) {
        this.net = network.dl4j();
        this.plan = network.plan();
        this.outputs = network.spec().outputs();
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        gradient = new DefaultGradient(net.getGradientsViewArray());
        for (int k = 0; k < network.trainableLayerCount(); k++) {
            weights.add(network.weight(k));
            biases.add(network.bias(k));
            gradW.add(gradientView(network.weightKey(k)));
            gradB.add(gradientView(network.biasKey(k)));
        }
        Layer out = net.getOutputLayer();
        org.deeplearning4j.nn.conf.layers.Layer conf = out.conf().getLayer();
        if (conf instanceof LossLayer l) {
            lossFunction = l.getLossFn();
            outputActivation = l.getActivationFn();
        } else {
            BaseOutputLayer l = (BaseOutputLayer) conf;
            lossFunction = l.getLossFn();
            outputActivation = l.getActivationFn();
        }
    }

    /** The view of the network's flattened gradient that holds parameter {@code key} ("3_W"), in its shape. */
    private INDArray gradientView(String key) {
        int sep = key.indexOf('_');
        Layer layer = net.getLayer(Integer.parseInt(key.substring(0, sep)));
        Map<String, INDArray> views = layer.conf().getLayer().initializer()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        INDArray view = views.get(key.substring(sep + 1));
        gradient.gradientForVariable().put(key, view);
        return view;
    }

    /** Trains on one minibatch; returns its loss before the step, as DL4J's {@code score()} would report it. */
    double fit(INDArray x, INDArray y, double learningRate) {
        // Besides the parallel section, a step is dozens of small ops, each slower when forked across threads.
        try (NativeParallel.Scope single = NativeParallel.singleThreaded()) {
            return fitSingleThreaded(x, y, learningRate);
        }
    }

    private double fitSingleThreaded(INDArray x, INDArray y, double learningRate) {
        net.setLearningRate(learningRate);
        int m = (int) x.rows();
        int parts = Math.max(1, m / ROWS_PER_GRADIENT_PART);
        INDArray labels = y.castTo(weights.get(0).dataType());
        double[] scores = new double[parts];
        // Each part's loss and gradient are sums over its examples; the parts' gradients are added below.
        NativeParallel.run(parts, (p, worker) -> {
            long r0 = (long) m * p / parts;
            long r1 = (long) m * (p + 1) / parts;
            INDArray logits = pass(p).forward(x.get(interval(r0, r1), all()), weights, biases);
            INDArray part = labels.get(interval(r0, r1), all());
            scores[p] = lossFunction.computeScore(part, logits, outputActivation, null, false);
            INDArray dLogits = lossFunction.computeGradient(part, logits, outputActivation, null);
            pass(p).backward(dLogits, p == 0 ? gradW : partGradients(p, gradW), p == 0 ? gradB : partGradients(p, gradB));
        });
        double score = 0;
        for (int p = 0; p < parts; p++) {
            score += scores[p];
            if (p > 0) {
                addAll(gradW, partGradients(p, gradW));
                addAll(gradB, partGradients(p, gradB));
            }
        }
        score = score / m + net.calcRegularizationScore(true);
        int iteration = net.getIterationCount();
        net.getUpdater().update(net, gradient, iteration, net.getEpochCount(), m, LayerWorkspaceMgr.noWorkspaces());
        INDArray step = net.getGradientsViewArray();
        net.params().subi(step.reshape(step.length()));
        net.setIterationCount(iteration + 1);
        return score;
    }

    /** Logits of the rows of {@code x} with the network's current parameters (a new array), in parallel chunks. */
    INDArray logits(INDArray x, int chunkRows) {
        long n = x.rows();
        INDArray out = Nd4j.create(weights.get(0).dataType(), n, outputs);
        int chunks = (int) ((n + chunkRows - 1) / chunkRows);
        // Row blocks of a fixed size, each on single-threaded ops, never one block per thread or one op over several
        // threads: both changed the outputs' last bits with the thread count, and the figures must not depend on it.
        int parts = (int) Math.max(chunks, (n + ROWS_PER_FORWARD_PART - 1) / ROWS_PER_FORWARD_PART);
        try (NativeParallel.Scope single = NativeParallel.singleThreaded()) {
            NativeParallel.run(parts, (p, worker) -> {
                long r0 = n * p / parts;
                long r1 = n * (p + 1) / parts;
                out.get(interval(r0, r1), all())
                        .assign(pass(worker).forward(x.get(interval(r0, r1), all()), weights, biases));
            });
        }
        return out;
    }

    private synchronized PlanPass pass(int i) {
        while (passes.size() <= i) {
            passes.add(new PlanPass(plan));
        }
        return passes.get(i);
    }

    /** Part {@code p}'s own gradient arrays, shaped like {@code like}. */
    private synchronized List<INDArray> partGradients(int p, List<INDArray> like) {
        List<INDArray> out = partGradients.computeIfAbsent(p + (like == gradW ? "W" : "b"), k -> new ArrayList<>());
        if (out.isEmpty()) {
            for (INDArray g : like) {
                out.add(Nd4j.create(g.dataType(), g.shape(), g.ordering()));
            }
        }
        return out;
    }

    private static void addAll(List<INDArray> into, List<INDArray> parts) {
        for (int i = 0; i < into.size(); i++) {
            into.get(i).addi(parts.get(i));
        }
    }

    /** Frees the working arrays, e.g. after predictions on a large set. */
    synchronized void release() {
        for (PlanPass p : passes) {
            p.release();
        }
    }
}
