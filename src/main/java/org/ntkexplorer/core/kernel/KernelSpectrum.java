package org.ntkexplorer.core.kernel;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.linalg.SymmetricLapack;

/** Eigenvalues λ₁ ≥ … ≥ λ_n of K/n (docs/science.md, §Kernel metrics) and the summaries drawn from them. */
public record KernelSpectrum(double[] eigenvalues) {

    /** Spectrum of the symmetric kernel {@code k} divided by its size (lower triangle read). */
    public static KernelSpectrum of(INDArray k) {
        DoubleMatrices.requireSquare(k, "Kernel");
        Finite.requireFinite(k, "The kernel whose spectrum was asked for");
        int n = k.rows();
        double[] a = DoubleMatrices.toRowMajor(k);
        double[] ascending = SymmetricLapack.eigenInPlace(a, n, false);
        double[] descending = new double[n];
        for (int i = 0; i < n; i++) {
            descending[i] = ascending[n - 1 - i] / n;
        }
        return new KernelSpectrum(descending);
    }

    /**
     * The peak of {@link #of} for an n×n kernel: a double copy and its flattening in ND4J, the Java array LAPACK
     * works in, and the native copy the JVM may hand LAPACK instead of the array itself.
     */
    public static Footprint footprint(int n) {
        double matrix = (double) n * n * Double.BYTES;
        return Footprint.of("eigendecomposition of " + n + "×" + n, 3 * matrix, matrix);
    }

    /** (Σλ)²/Σλ²: n for a flat spectrum, 1 for rank one. */
    public double effectiveRank() {
        double sum = 0;
        double sumSq = 0;
        for (double l : eigenvalues) {
            sum += l;
            sumSq += l * l;
        }
        return sum * sum / sumSq;
    }

    /** β of λ_i ∝ i^(−β) fitted over i ∈ [2, n/2]. */
    public PowerLawSlope powerLawSlope() {
        return powerLawSlope(2, eigenvalues.length / 2);
    }

    /**
     * β of λ_i ∝ i^(−β) by least squares of log λ_i on log i over 1-based indices [first, last], skipping
     * non-positive eigenvalues (numerical zeros have no logarithm).
     */
    public PowerLawSlope powerLawSlope(int first, int last) {
        if (first < 1 || last > eigenvalues.length || last < first) {
            throw new IllegalArgumentException("Index range [" + first + ", " + last + "] not within 1.."
                    + eigenvalues.length);
        }
        SimpleRegression fit = new SimpleRegression();
        for (int i = first; i <= last; i++) {
            double l = eigenvalues[i - 1];
            if (l > 0) {
                fit.addData(Math.log(i), Math.log(l));
            }
        }
        if (fit.getN() < 2) {
            throw new IllegalArgumentException("Fewer than 2 positive eigenvalues in [" + first + ", " + last + "]");
        }
        return new PowerLawSlope(-fit.getSlope(), fit.getRSquare(), (int) fit.getN());
    }

    /** Fitted decay exponent β, the fit's R² and how many eigenvalues entered it. */
    public record PowerLawSlope(double beta, double rSquared, int pointsUsed) {
    }
}
