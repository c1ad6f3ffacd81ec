package org.ntkexplorer.core.model;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of z = s_w·u + s_b·b, placed after a bias-free dense or convolution layer whose output is
 * u = a·W. This puts the parameterisation's multipliers inside the function, so they act in the forward pass
 * and in every gradient (docs/science.md, §Conventions): ∂z/∂W = s_w·aᵀ(…), ∂z/∂b = s_b. Under standard
 * parameterisation both multipliers are 1 and the layer is a plain bias. A native layer rather than a SameDiff
 * one, whose gradients were found to be scaled wrongly in this DL4J version.
 */
public class NtkScaleBias extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;
    public static final String BIAS = "b";

    private double weightMultiplier;
    private double biasMultiplier;
    private boolean convolutional;

    public NtkScaleBias() {
    }

    public NtkScaleBias(double weightMultiplier, double biasMultiplier, long units, boolean convolutional) {
        this.weightMultiplier = weightMultiplier;
        this.biasMultiplier = biasMultiplier;
        this.convolutional = convolutional;
        setNIn(units);
        setNOut(units);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        NtkScaleBiasLayer layer = new NtkScaleBiasLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return ScaleBiasParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // The width is fixed at construction: the preceding layer's output size.
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, NtkScaleBias.class, inputType, inputType)
                .standardMemory(getNOut(), 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    public double getWeightMultiplier() {
        return weightMultiplier;
    }

    public void setWeightMultiplier(double weightMultiplier) {
        this.weightMultiplier = weightMultiplier;
    }

    public double getBiasMultiplier() {
        return biasMultiplier;
    }

    public void setBiasMultiplier(double biasMultiplier) {
        this.biasMultiplier = biasMultiplier;
    }

    public boolean isConvolutional() {
        return convolutional;
    }

    public void setConvolutional(boolean convolutional) {
        this.convolutional = convolutional;
    }
}
