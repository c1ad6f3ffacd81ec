package org.ntkexplorer.core.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.LayerPlan;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.PlannedLayer;

/**
 * The content of model.json (docs/science.md, §NumPy interchange): enough to rebuild the same function in
 * another framework from params.npz. Each trainable layer computes z = weightMultiplier·(a ⋆ W) +
 * biasMultiplier·b, then its activation.
 */
public final class ModelDescription {
    private ModelDescription() {
    }

    public static Map<String, Object> of(NetworkSpec spec, KernelKind kind, Precision dtype, String preprocessing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", spec.architecture().id());
        m.put("depth", spec.hiddenLayers());
        m.put("width", spec.width());
        m.put("activation", spec.activation().id());
        m.put("parameterization", spec.parameterization().id());
        m.put("init", spec.init().id());
        m.put("sigmaW", spec.sigmaW());
        m.put("sigmaB", spec.init().usesSigmaB() ? spec.sigmaB() : null);
        m.put("kernel", kind.id());
        m.put("dtype", dtype.id());
        m.put("outputs", spec.outputs());
        m.put("inputShape", spec.inputShape());
        m.put("preprocessing", preprocessing);
        m.put("kernelNormalisation", "K(x,x') = (1/C) * sum_c <df_c(x)/dtheta, df_c(x')/dtheta>, C = outputs");
        m.put("layerConvention", "z = weightMultiplier * (a @ W) + biasMultiplier * b, then activation (none on the "
                + "readout); dense W is (fan_in, fan_out); conv W is (out_channels, in_channels, kh, kw) applied as "
                + "cross-correlation on (channels, height, width) inputs");
        m.put("initConvention", "weightInit and biasInit are the laws W and b were drawn from, as stored (before "
                + "the multipliers); normal(0, s^2) has standard deviation s");
        m.put("layers", layers(spec, LayerPlan.of(spec)));
        return m;
    }

    private static List<Map<String, Object>> layers(NetworkSpec spec, LayerPlan plan) {
        List<Map<String, Object>> out = new ArrayList<>();
        int k = 0;
        for (PlannedLayer l : plan.layers()) {
            Map<String, Object> own = l.describe();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", own.remove("type"));
            if (l.trainable()) {
                e.put("weight", "W" + k);
                e.put("bias", "b" + k);
                k++;
            }
            e.putAll(own);
            if (l.trainable()) {
                putLaws(e, spec, l.fanIn());
                e.put("activation", l.activation() == null ? "identity" : l.activation().id());
            }
            out.add(e);
        }
        return out;
    }

    /** Under NTK parameterisation the stored values have unit variance and the multipliers carry the scale. */
    private static void putLaws(Map<String, Object> e, NetworkSpec spec, int fanIn) {
        Init law = spec.init();
        if (spec.parameterization() == Parameterization.NTK) {
            String unit = law == Init.PYTORCH ? "uniform(-" + Math.sqrt(3) + ", " + Math.sqrt(3) + ")" : "normal(0, 1^2)";
            e.put("weightInit", unit);
            e.put("biasInit", unit);
        } else {
            e.put("weightInit", law.weightLaw(spec.sigmaW(), fanIn));
            e.put("biasInit", law.biasLaw(spec.sigmaB(), fanIn));
        }
    }
}
