package org.ntkexplorer.core.model;

import java.util.ArrayList;
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
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * One minibatch step of an {@link NtkNetwork}: the loss gradient from {@link PlanPass}, the update from the DL4J
 * network's own updater. So optimiser state (momentum, Adam moments), weight decay, the learning rate and the
 * iteration count are DL4J's, and the step equals {@code MultiLayerNetwork.fit} up to float rounding of the
 * gradient; the loss and its gradient with respect to the logits come from the network's DL4J loss function.
 */
final class TrainingStep {
    private final MultiLayerNetwork net;
    private final PlanPass pass;
    private final List<INDArray> weights = new ArrayList<>();
    private final List<INDArray> biases = new ArrayList<>();
    private final List<INDArray> gradW = new ArrayList<>();
    private final List<INDArray> gradB = new ArrayList<>();
    private final Gradient gradient;
    private final ILossFunction lossFunction;
    private final IActivation outputActivation;

    TrainingStep(NtkNetwork network) {
        this.net = network.dl4j();
        this.pass = new PlanPass(network.plan());
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
        net.setLearningRate(learningRate);
        int m = (int) x.rows();
        INDArray logits = pass.forward(x, weights, biases);
        INDArray labels = y.castTo(logits.dataType());
        double score = lossFunction.computeScore(labels, logits, outputActivation, null, false) / m
                + net.calcRegularizationScore(true);
        INDArray dLogits = lossFunction.computeGradient(labels, logits, outputActivation, null);
        pass.backward(dLogits, gradW, gradB);
        int iteration = net.getIterationCount();
        net.getUpdater().update(net, gradient, iteration, net.getEpochCount(), m, LayerWorkspaceMgr.noWorkspaces());
        INDArray step = net.getGradientsViewArray();
        net.params().subi(step.reshape(step.length()));
        net.setIterationCount(iteration + 1);
        return score;
    }

    /** Logits of the rows of {@code x} with the network's current parameters (a new array). */
    INDArray logits(INDArray x) {
        return pass.forward(x, weights, biases).dup();
    }

    /** Frees the working arrays, e.g. after predictions on a large set. */
    void release() {
        pass.release();
    }
}
