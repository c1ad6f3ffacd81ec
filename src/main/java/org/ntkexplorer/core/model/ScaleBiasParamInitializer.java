package org.ntkexplorer.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The single bias vector of {@link NtkScaleBias}; values are drawn later by the network factory. */
final class ScaleBiasParamInitializer implements ParamInitializer {
    static final ScaleBiasParamInitializer INSTANCE = new ScaleBiasParamInitializer();

    private ScaleBiasParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return ((NtkScaleBias) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return Collections.singletonList(NtkScaleBias.BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.singletonList(NtkScaleBias.BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return NtkScaleBias.BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        INDArray b = paramsView.reshape('c', new long[] {1, paramsView.length()});
        if (initializeParams) {
            b.assign(0);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(NtkScaleBias.BIAS, b);
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(NtkScaleBias.BIAS, gradientView.reshape('c', new long[] {1, gradientView.length()}));
        return out;
    }
}
