package org.ntkexplorer.core.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ntkexplorer.core.model.LayerPlan;
import org.ntkexplorer.core.model.NetworkSpec;
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
        m.put("sigmaW", spec.sigmaW());
        m.put("sigmaB", spec.sigmaB());
        m.put("kernel", kind.id());
        m.put("dtype", dtype.id());
        m.put("outputs", spec.outputs());
        m.put("inputShape", spec.inputShape());
        m.put("preprocessing", preprocessing);
        m.put("kernelNormalisation", "K(x,x') = (1/C) * sum_c <df_c(x)/dtheta, df_c(x')/dtheta>, C = outputs");
        m.put("layerConvention", "z = weightMultiplier * (a @ W) + biasMultiplier * b, then activation (none on the "
                + "readout); dense W is (fan_in, fan_out); conv W is (out_channels, in_channels, kh, kw) applied as "
                + "cross-correlation on (channels, height, width) inputs");
        m.put("layers", layers(LayerPlan.of(spec)));
        return m;
    }

    private static List<Map<String, Object>> layers(LayerPlan plan) {
        List<Map<String, Object>> out = new ArrayList<>();
        int k = 0;
        for (PlannedLayer l : plan.layers()) {
            Map<String, Object> e = new LinkedHashMap<>();
            if (l instanceof PlannedLayer.Dense d) {
                e.put("type", "dense");
                e.put("weight", "W" + k);
                e.put("bias", "b" + k);
                e.put("weightShape", new int[] {d.fanIn(), d.fanOut()});
                e.put("biasShape", new int[] {d.fanOut()});
                e.put("weightMultiplier", d.weightMultiplier());
                e.put("biasMultiplier", d.biasMultiplier());
                e.put("activation", d.activation() == null ? "identity" : d.activation().id());
                k++;
            } else if (l instanceof PlannedLayer.Conv c) {
                e.put("type", "conv2d");
                e.put("weight", "W" + k);
                e.put("bias", "b" + k);
                e.put("weightShape", new int[] {c.outChannels(), c.inChannels(), c.kernel(), c.kernel()});
                e.put("biasShape", new int[] {c.outChannels()});
                e.put("stride", new int[] {1, 1});
                e.put("padding", new int[] {c.padding(), c.padding()});
                e.put("inputShape", new int[] {c.inChannels(), c.height(), c.width()});
                e.put("weightMultiplier", c.weightMultiplier());
                e.put("biasMultiplier", c.biasMultiplier());
                e.put("activation", c.activation().id());
                k++;
            } else if (l instanceof PlannedLayer.AvgPool p) {
                e.put("type", "avg_pool");
                e.put("window", new int[] {p.size(), p.size()});
                e.put("stride", new int[] {p.size(), p.size()});
                e.put("padding", new int[] {0, 0});
                e.put("inputShape", new int[] {p.channels(), p.height(), p.width()});
            } else if (l instanceof PlannedLayer.GlobalAvgPool g) {
                e.put("type", "global_avg_pool");
                e.put("inputShape", new int[] {g.channels(), g.height(), g.width()});
            }
            out.add(e);
        }
        return out;
    }
}
