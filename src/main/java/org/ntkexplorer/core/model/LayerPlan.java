package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The ordered forward pass of a {@link NetworkSpec}. */
public final class LayerPlan {
    private final NetworkSpec spec;
    private final List<PlannedLayer> layers;

    private LayerPlan(NetworkSpec spec, List<PlannedLayer> layers) {
        this.spec = spec;
        this.layers = Collections.unmodifiableList(layers);
    }

    public static LayerPlan of(NetworkSpec spec) {
        return new LayerPlan(spec, spec.architecture().isConvolutional() ? myrtle(spec) : mlp(spec));
    }

    public NetworkSpec spec() {
        return spec;
    }

    public List<PlannedLayer> layers() {
        return layers;
    }

    /** Layers that hold parameters, in order; their index k names W{k} and b{k} in params.npz. */
    public List<PlannedLayer> trainableLayers() {
        List<PlannedLayer> out = new ArrayList<>();
        for (PlannedLayer l : layers) {
            if (l.trainable()) {
                out.add(l);
            }
        }
        return out;
    }

    public long parameterCount() {
        long p = 0;
        for (PlannedLayer l : layers) {
            p += (long) l.weights() + (long) l.biases();
        }
        return p;
    }

    /**
     * Why this plan has no infinite-width kernel (its first layer without one says), or null when every layer has
     * one.
     */
    public String infiniteWidthRefusal() {
        for (PlannedLayer l : layers) {
            String refusal = l.infiniteWidthRefusal();
            if (refusal != null) {
                return spec.architecture().id() + " has no infinite-width kernel in NTK Explorer: " + refusal;
            }
        }
        return null;
    }

    /**
     * Each layer's {@link InfiniteWidthStep}, input side first: the recursion of the plan's infinite-width kernels.
     *
     * @throws IllegalArgumentException with {@link #infiniteWidthRefusal} when a layer has none
     */
    public List<InfiniteWidthStep> infiniteWidthSteps() {
        String refusal = infiniteWidthRefusal();
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        List<InfiniteWidthStep> out = new ArrayList<>();
        for (PlannedLayer l : layers) {
            out.add(l.infiniteWidthStep(spec));
        }
        return out;
    }

    private static List<PlannedLayer> mlp(NetworkSpec s) {
        List<PlannedLayer> out = new ArrayList<>();
        Parameterization p = s.parameterization();
        int fanIn = s.inputDim();
        for (int l = 0; l < s.depth(); l++) {
            out.add(new Dense(fanIn, s.width(), p.weightMultiplier(s.sigmaW(), fanIn),
                    p.biasMultiplier(s.biasStd(fanIn)), s.activation()));
            fanIn = s.width();
        }
        out.add(new Dense(fanIn, s.outputs(), p.weightMultiplier(s.sigmaW(), fanIn),
                p.biasMultiplier(s.biasStd(fanIn)), null));
        return out;
    }

    private static List<PlannedLayer> myrtle(NetworkSpec s) {
        List<PlannedLayer> out = new ArrayList<>();
        Parameterization p = s.parameterization();
        int[] shape = s.inputShape();
        int channels = shape[0];
        int h = shape[1];
        int w = shape[2];
        int[] perStage = s.architecture().convsPerStage();
        for (int stage = 0; stage < perStage.length; stage++) {
            for (int i = 0; i < perStage[stage]; i++) {
                int fanIn = channels * 9;
                out.add(new Conv(channels, s.width(), 3, 1, h, w, p.weightMultiplier(s.sigmaW(), fanIn),
                        p.biasMultiplier(s.biasStd(fanIn)), s.activation()));
                channels = s.width();
            }
            if (stage < perStage.length - 1) {
                AvgPool pool = new AvgPool(2, channels, h, w);
                out.add(pool);
                h = pool.outHeight();
                w = pool.outWidth();
            }
        }
        out.add(new GlobalAvgPool(channels, h, w));
        out.add(new Dense(channels, s.outputs(), p.weightMultiplier(s.sigmaW(), channels),
                p.biasMultiplier(s.biasStd(channels)), null));
        return out;
    }
}
