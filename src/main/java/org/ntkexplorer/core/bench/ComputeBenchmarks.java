package org.ntkexplorer.core.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelPair;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.linalg.SymmetricLapack;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.regression.KernelRidge;

/**
 * Wall-clock timings of the heavy kernel operations on synthetic unit-norm data, for a {@code bench} command.
 * Each method builds its own inputs outside the timed region and returns seconds.
 */
public final class ComputeBenchmarks {
    private ComputeBenchmarks() {
    }

    /** Train×train NNGP+NTK of an MLP (σ_w² = 2, σ_b = 0.1) on n unit-norm d-dimensional inputs. */
    public static double infiniteNtkSeconds(int n, int d, int depth, Activation activation, long seed) {
        INDArray x = unitNormRows(n, d, seed);
        long start = System.nanoTime();
        KernelPair k = new InfiniteMlpKernel(activation, depth, Math.sqrt(2), 0.1).train(x);
        double seconds = (System.nanoTime() - start) / 1e9;
        requireFinite(k.ntk());
        return seconds;
    }

    /** Kernel ridge regression with an n×n relu NTK and 10 outputs (ridge 1e-4). */
    public static double kernelRidgeSeconds(int n, long seed) {
        INDArray k = reluKernel(n, seed);
        INDArray y = Nd4j.randn(DataType.DOUBLE, n, 10);
        long start = System.nanoTime();
        KernelRidge.fit(k, y, 1e-4);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Full symmetric eigendecomposition (values and vectors) of an n×n relu NTK. */
    public static double eigendecompositionSeconds(int n, long seed) {
        double[] a = DoubleMatrices.toRowMajor(reluKernel(n, seed));
        long start = System.nanoTime();
        SymmetricLapack.eigenInPlace(a, n, true);
        return (System.nanoTime() - start) / 1e9;
    }

    private static INDArray reluKernel(int n, long seed) {
        return new InfiniteMlpKernel(Activation.RELU, 2, Math.sqrt(2), 0.1).train(unitNormRows(n, 64, seed)).ntk();
    }

    private static INDArray unitNormRows(int n, int d, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, d);
        return x.diviColumnVector(x.norm2(1).reshape(n, 1));
    }

    private static void requireFinite(INDArray m) {
        if (!Double.isFinite(m.sumNumber().doubleValue())) {
            throw new IllegalStateException("Benchmark kernel has non-finite entries");
        }
    }
}
