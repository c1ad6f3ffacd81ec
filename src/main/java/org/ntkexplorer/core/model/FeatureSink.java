package org.ntkexplorer.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forms a layer's eNTK feature can take, which the kernel package turns into its Gram blocks; a layer names
 * the form and hands over its matrices ({@link PlannedLayer#addFeatures}), so the kernel has no per-kind code.
 */
public interface FeatureSink {

    /**
     * A dense layer's factorised feature: K_l = (1/C)·(G Gᵀ) ⊙ (s_w²·A Aᵀ + s_b²), A the layer's inputs, G the
     * per-logit backward signals stacked as rows × (C·fan_out), null for the readout (G Gᵀ is then C).
     */
    void factored(INDArray inputs, INDArray signals, double weightMultiplierSq, double biasMultiplierSq);

    /** Explicit per-example gradients, rows × (C·params): K_l = (1/C)·F Fᵀ. */
    void gradients(INDArray perExample);
}
