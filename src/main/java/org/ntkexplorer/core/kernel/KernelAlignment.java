package org.ntkexplorer.core.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.linalg.DoubleMatrices;

/**
 * Similarity of kernels on the same probe set (docs/science.md, §Kernel metrics): kernel distance and velocity
 * (Fort et al. 2020), centred kernel alignment (Kornblith et al. 2019) and kernel–target alignment
 * (Cristianini et al. 2002). All sums run in double whatever the input type.
 */
public final class KernelAlignment {
    private KernelAlignment() {
    }

    /** S(K₁, K₂) = 1 − ⟨K₁, K₂⟩_F/(‖K₁‖_F‖K₂‖_F) ∈ [0, 2]; 0 iff one is a positive multiple of the other. */
    public static double distance(INDArray k1, INDArray k2) {
        double[] a = toSquare(k1);
        double[] b = toSquare(k2);
        requireSameSize(a, b);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return 1 - ab / Math.sqrt(aa * bb);
    }

    /** v = S(K_t, K_{t+Δt})/Δt, with Δt in epochs. */
    public static double velocity(INDArray before, INDArray after, double deltaEpochs) {
        if (!(deltaEpochs > 0)) {
            throw new IllegalArgumentException("Δt must be > 0, got " + deltaEpochs);
        }
        return distance(before, after) / deltaEpochs;
    }

    /** CKA(K, L) = ⟨HKH, HLH⟩_F/(‖HKH‖_F‖HLH‖_F), H = I − 11ᵀ/n, with the centring done by row/column means. */
    public static double cka(INDArray k, INDArray l) {
        double[] a = toSquare(k);
        double[] b = toSquare(l);
        requireSameSize(a, b);
        int n = (int) Math.round(Math.sqrt(a.length));
        return centredCosine(a, b, n);
    }

    /**
     * KTA(K) = CKA(K, YYᵀ) with Y the one-hot matrix of {@code labels} (classes 0..max). YYᵀ is never formed:
     * its centred entries are [yᵢ = yⱼ] − p(yᵢ) − p(yⱼ) + Σ_c p_c² with p the class frequencies.
     */
    public static double targetAlignment(INDArray k, int[] labels) {
        double[] a = toSquare(k);
        int n = labels.length;
        if ((long) n * n != a.length) {
            throw new IllegalArgumentException(n + " labels for a kernel with " + a.length + " entries");
        }
        int classes = 0;
        for (int y : labels) {
            if (y < 0) {
                throw new IllegalArgumentException("Labels must be ≥ 0, got " + y);
            }
            classes = Math.max(classes, y + 1);
        }
        double[] p = new double[classes];
        for (int y : labels) {
            p[y] += 1.0 / n;
        }
        double sumP2 = 0;
        for (double q : p) {
            sumP2 += q * q;
        }
        Centring ca = Centring.of(a, n);
        double kl = 0;
        double kk = 0;
        double ll = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double kc = ca.centred(a, i, j);
                double lc = (labels[i] == labels[j] ? 1 : 0) - p[labels[i]] - p[labels[j]] + sumP2;
                kl += kc * lc;
                kk += kc * kc;
                ll += lc * lc;
            }
        }
        return kl / Math.sqrt(kk * ll);
    }

    private static double centredCosine(double[] a, double[] b, int n) {
        Centring ca = Centring.of(a, n);
        Centring cb = Centring.of(b, n);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = ca.centred(a, i, j);
                double y = cb.centred(b, i, j);
                ab += x * y;
                aa += x * x;
                bb += y * y;
            }
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** (HKH)ᵢⱼ = Kᵢⱼ − rᵢ − cⱼ + g with row means r, column means c and grand mean g. */
    private record Centring(double[] rowMeans, double[] colMeans, double grandMean, int n) {
        static Centring of(double[] m, int n) {
            double[] r = new double[n];
            double[] c = new double[n];
            double g = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = m[i * n + j];
                    r[i] += v / n;
                    c[j] += v / n;
                    g += v;
                }
            }
            return new Centring(r, c, g / ((double) n * n), n);
        }

        double centred(double[] m, int i, int j) {
            return m[i * n + j] - rowMeans[i] - colMeans[j] + grandMean;
        }
    }

    private static double[] toSquare(INDArray k) {
        DoubleMatrices.requireSquare(k, "Kernel");
        return DoubleMatrices.toRowMajor(k);
    }

    private static void requireSameSize(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Kernels of different sizes: " + a.length + " vs " + b.length + " entries");
        }
    }
}
