package org.ntkexplorer.core.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What one trainable layer contributes to the eNTK for a block of examples, in a form whose pairing with
 * another block is a few GEMMs (REFERENCE §3).
 */
interface LayerFeature {

    /** This layer's contribution K_l(block, other block), already divided by the number of logits. */
    INDArray gram(LayerFeature other);

    /** Floating-point operations of {@link #gram} against a block of {@code otherRows} rows. */
    double gramFlops(long otherRows);

    long bytes();

    /**
     * Dense layer: K_l = (1/C)·(G Gᵀ) ⊙ (s_w²·A Aᵀ + s_b²), G the per-logit backward signals stacked as
     * rows × (C·fan_out). For the readout G Gᵀ is the constant C, so G is not stored.
     */
    record Dense(INDArray inputs, INDArray signals, double weightMultiplierSq, double biasMultiplierSq, int logits)
            implements LayerFeature {
        @Override
        public INDArray gram(LayerFeature other) {
            Dense o = (Dense) other;
            INDArray k = inputs.mmul(o.inputs.transpose()).muli(weightMultiplierSq).addi(biasMultiplierSq);
            if (signals == null) {
                return k;
            }
            return k.muli(signals.mmul(o.signals.transpose())).divi(logits);
        }

        @Override
        public double gramFlops(long otherRows) {
            double rows = inputs.rows();
            double f = 2.0 * rows * otherRows * inputs.columns();
            if (signals != null) {
                f += 2.0 * rows * otherRows * signals.columns();
            }
            return f;
        }

        @Override
        public long bytes() {
            return (inputs.length() + (signals == null ? 0 : signals.length())) * inputs.dataType().width();
        }
    }

    /** Any layer given as explicit per-example gradients, rows × (C·params): K_l = (1/C)·F Fᵀ. */
    record Gradients(INDArray perExample, int logits) implements LayerFeature {
        @Override
        public INDArray gram(LayerFeature other) {
            INDArray o = ((Gradients) other).perExample;
            INDArray k = Nd4j.createUninitialized(perExample.dataType(), perExample.rows(), o.rows());
            // gemm with a transpose flag ran at 1.2-1.6x the rate of mmul against a transposed view.
            Nd4j.gemm(perExample, o, k, false, true, 1.0 / logits, 0.0);
            return k;
        }

        @Override
        public double gramFlops(long otherRows) {
            return 2.0 * perExample.rows() * otherRows * perExample.columns();
        }

        @Override
        public long bytes() {
            return perExample.length() * perExample.dataType().width();
        }
    }
}
