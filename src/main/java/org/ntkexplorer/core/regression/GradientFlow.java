package org.ntkexplorer.core.regression;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.linalg.SymmetricLapack;

/**
 * Predictions of the linearised network under gradient flow on the squared loss from f₀ = 0
 * (docs/science.md, §Kernel regression): f_t(X*) = K*·K⁻¹·(I − e^(−ηKt))·Y, evaluated through
 * K = V·diag(λ)·Vᵀ as K*·V·diag(g)·VᵀY with g(λ) = (1 − e^(−ηλt))/λ. One eigendecomposition serves every (η, t).
 *
 * <p>As t → ∞, g → 1/λ and the predictions become ridgeless kernel regression. Eigenvalues at or below
 * n·ε·λ_max are treated as exactly 0, where g = ηt for finite t and the direction is dropped at t = ∞
 * (pseudo-inverse), since noise-level eigenvalues would otherwise blow up.
 */
public final class GradientFlow {
    private final double[] eigenvalues;
    private final INDArray testTimesVectors;
    private final INDArray trainTimesVectors;
    private final INDArray projectedTargets;
    private final double cutoff;

    private GradientFlow(double[] eigenvalues, INDArray testTimesVectors, INDArray trainTimesVectors,
            INDArray projectedTargets) {
        this.eigenvalues = eigenvalues;
        this.testTimesVectors = testTimesVectors;
        this.trainTimesVectors = trainTimesVectors;
        this.projectedTargets = projectedTargets;
        double max = 0;
        for (double l : eigenvalues) {
            max = Math.max(max, Math.abs(l));
        }
        this.cutoff = eigenvalues.length * Math.ulp(1.0) * max;
    }

    /** Diagonalises the n×n train kernel once; {@code kTestTrain} is n_test×n, {@code targets} n×C. */
    public static GradientFlow of(INDArray kTrain, INDArray kTestTrain, INDArray targets) {
        DoubleMatrices.requireSquare(kTrain, "Train kernel");
        DoubleMatrices.requireMatrix(kTestTrain);
        DoubleMatrices.requireMatrix(targets);
        int n = kTrain.rows();
        if (kTestTrain.columns() != n || targets.rows() != n) {
            throw new IllegalArgumentException("Shapes do not fit: K " + n + "×" + n + ", K* " + kTestTrain.rows() + "×"
                    + kTestTrain.columns() + ", Y " + targets.rows() + "×" + targets.columns());
        }
        double[] v = DoubleMatrices.toRowMajor(kTrain);
        double[] lambda = SymmetricLapack.eigenInPlace(v, n, true);
        INDArray vectors = DoubleMatrices.fromRowMajor(v, n, n);
        INDArray y = targets.castTo(DataType.DOUBLE);
        return new GradientFlow(lambda, kTestTrain.castTo(DataType.DOUBLE).mmul(vectors), vectors.mulRowVector(
                DoubleMatrices.fromRowMajor(lambda, 1, n)), vectors.transpose().mmul(y));
    }

    /** Eigenvalues of K, ascending. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Test predictions at learning rate η and time t (t = ∞ allowed), n_test×C. */
    public INDArray predictTest(double learningRate, double time) {
        return testTimesVectors.mmul(scaledTargets(learningRate, time));
    }

    /** Train predictions K·K⁻¹(I − e^(−ηKt))Y = (I − e^(−ηKt))Y, n×C. */
    public INDArray predictTrain(double learningRate, double time) {
        return trainTimesVectors.mmul(scaledTargets(learningRate, time));
    }

    private INDArray scaledTargets(double learningRate, double time) {
        if (!(learningRate > 0) || !(time >= 0)) {
            throw new IllegalArgumentException("Need learning rate > 0 and time ≥ 0, got η=" + learningRate + ", t=" + time);
        }
        double[] g = new double[eigenvalues.length];
        for (int i = 0; i < g.length; i++) {
            double l = eigenvalues[i];
            if (Math.abs(l) <= cutoff) {
                g[i] = Double.isInfinite(time) ? 0 : learningRate * time;
            } else if (Double.isInfinite(time)) {
                g[i] = 1 / l;
            } else {
                g[i] = -Math.expm1(-learningRate * l * time) / l;
            }
        }
        return projectedTargets.mulColumnVector(DoubleMatrices.fromRowMajor(g, g.length, 1));
    }
}
