package org.ntkexplorer.core.kernel;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.NativeParallel;

/**
 * What one trainable layer contributes to the eNTK for a block of examples, in a form whose pairing with
 * another block is a few GEMMs (docs/science.md, §Computing the eNTK).
 */
interface LayerFeature {

    /** This layer's contribution K_l(block, other block), already divided by the number of logits. */
    INDArray gram(LayerFeature other);

    /** Floating-point operations of {@link #gram} against a block of {@code otherRows} rows. */
    double gramFlops(long otherRows);

    long bytes();

    /**
     * alpha·a·bᵀ as a new array, in row blocks run at once by {@link NativeParallel}; gemm with a transpose flag ran
     * at 1.2-1.6× the rate of mmul against a transposed view, and one single-threaded GEMM per core at up to 1.6× one
     * GEMM on two OpenMP threads of a loaded machine.
     */
    /** Rows of one single-threaded GEMM of {@link #abT}. */
    int ROWS_PER_GEMM = 128;

    static INDArray abT(INDArray a, INDArray b, double alpha) {
        long n = a.rows();
        INDArray k = Nd4j.createUninitialized(a.dataType(), n, b.rows());
        // Row blocks of a fixed size, not one per thread: the same rows in a GEMM of another height came out different
        // in their last bits, and a kernel must not depend on --threads.
        int parts = (int) Math.max(1, (n + ROWS_PER_GEMM - 1) / ROWS_PER_GEMM);
        NativeParallel.run(parts, (p, worker) -> {
            long r0 = n * p / parts;
            long r1 = n * (p + 1) / parts;
            Nd4j.gemm(a.get(interval(r0, r1), all()), b, k.get(interval(r0, r1), all()), false, true, alpha, 0.0);
        });
        return k;
    }

    /**
     * Dense layer: K_l = (1/C)·(G Gᵀ) ⊙ (s_w²·A Aᵀ + s_b²), G the per-logit backward signals stacked as
     * rows × (C·fan_out). For the readout G Gᵀ is the constant C, so G is not stored.
     */
    record Dense(INDArray inputs, INDArray signals, double weightMultiplierSq, double biasMultiplierSq, int logits)
            implements LayerFeature {
        @Override
        public INDArray gram(LayerFeature other) {
            Dense o = (Dense) other;
            INDArray k = abT(inputs, o.inputs, weightMultiplierSq).addi(biasMultiplierSq);
            if (signals == null) {
                return k;
            }
            return k.muli(abT(signals, o.signals, 1.0 / logits));
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
            return abT(perExample, ((Gradients) other).perExample, 1.0 / logits);
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
