package org.ntkexplorer.core.data;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.ntkexplorer.core.model.Activation;

/**
 * Regression with a known target function: inputs x ~ N(0, Σ) whose covariance spectrum decays as a power
 * law, targets from a random one-hidden-layer teacher network in NTK parameterisation. A power-law spectrum
 * is what makes kernel learning curves power laws, so this gives a controlled place to measure exponents.
 */
final class TeacherStudentDataset {
    static final String KIND = "teacher-student";
    static final List<String> PARAMS = List.of("d", "outputs", "decay", "width", "size", "seed", "activation", "standardize");

    private TeacherStudentDataset() {
    }

    static LoadedDataset create(DatasetSpec spec) {
        spec.allowOnly(PARAMS);
        int d = spec.integer("d", 64, 1);
        int outputs = spec.integer("outputs", 1, 1);
        double decay = spec.real("decay", 1.5);
        int width = spec.integer("width", 2048, 1);
        int size = spec.integer("size", 20_000, 2);
        long seed = spec.longValue("seed", 0);
        boolean standardize = spec.bool("standardize", false);
        Activation phi;
        try {
            phi = Activation.fromId(spec.string("activation", "tanh"));
        } catch (IllegalArgumentException e) {
            throw spec.bad(e.getMessage());
        }
        if (decay < 0) {
            throw spec.bad("decay must be ≥ 0, not " + decay);
        }
        if ((long) size * Math.max(d, outputs) > Integer.MAX_VALUE / 2 || (long) d * width > Integer.MAX_VALUE / 2) {
            throw spec.bad("size×d or d×width too large to hold in memory");
        }
        Random rng = new Random(seed);
        double[] x = inputs(rng, size, d, decay);
        double[] y = teacher(rng, x, size, d, width, outputs, phi);
        if (standardize) {
            standardizeColumns(y, size, outputs);
        }
        String description = String.format("Synthetic regression (seed %d): %d inputs x ~ N(0, Σ) in %d dimensions, "
                + "Σ = Q·diag(λ)·Qᵀ with λ_k ∝ k^(−%s) scaled so trace Σ = d and Q a random rotation; targets from a "
                + "random teacher f(x) = v·%s(W·x/√d)/√%d (one hidden layer of width %d, NTK scaling, no biases, "
                + "weights N(0,1)), %d output%s%s. No separate test part.", seed, size, d, trim(decay), phi.id(), width,
                width, outputs, outputs == 1 ? "" : "s", standardize ? ", standardised over the whole pool" : "");
        FiniteInputs.require(x, d, spec.text(), "the generated inputs");
        FiniteInputs.require(y, outputs, spec.text(), "the teacher's targets");
        DenseExamples pool = DenseExamples.withTargets(x, d, y, outputs);
        return new LoadedDataset(spec.text(), description, Task.REGRESSION, List.of(), outputs, pool, Optional.empty());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** x = Q·diag(√λ)·z with z standard normal, so Cov x = Q diag(λ) Qᵀ. */
    private static double[] inputs(Random rng, int size, int d, double decay) {
        double[] sqrtLambda = new double[d];
        double sum = 0;
        for (int k = 0; k < d; k++) {
            sum += Math.pow(k + 1, -decay);
        }
        for (int k = 0; k < d; k++) {
            sqrtLambda[k] = Math.sqrt(d * Math.pow(k + 1, -decay) / sum);
        }
        double[] q = randomRotation(rng, d);
        double[] x = new double[size * d];
        double[] z = new double[d];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < d; k++) {
                z[k] = sqrtLambda[k] * rng.nextGaussian();
            }
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[r * d + k] * z[k];
                }
                x[i * d + r] = s;
            }
        }
        return x;
    }

    /**
     * Orthonormal columns by Gram–Schmidt on a Gaussian matrix. Without the rotation the spectrum would sit
     * on the coordinate axes and per-feature standardisation would flatten it.
     */
    static double[] randomRotation(Random rng, int d) {
        double[] q = new double[d * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = rng.nextGaussian();
        }
        for (int c = 0; c < d; c++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int r = 0; r < d; r++) {
                        dot += q[r * d + c] * q[r * d + p];
                    }
                    for (int r = 0; r < d; r++) {
                        q[r * d + c] -= dot * q[r * d + p];
                    }
                }
            }
            double norm = 0;
            for (int r = 0; r < d; r++) {
                norm += q[r * d + c] * q[r * d + c];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                q[r * d + c] /= norm;
            }
        }
        return q;
    }

    private static double[] teacher(Random rng, double[] x, int size, int d, int width, int outputs, Activation phi) {
        double[] w = new double[width * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        double[] v = new double[width * outputs];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        double inScale = 1 / Math.sqrt(d);
        double outScale = 1 / Math.sqrt(width);
        double[] y = new double[size * outputs];
        double[] h = new double[width];
        for (int i = 0; i < size; i++) {
            int xi = i * d;
            for (int j = 0; j < width; j++) {
                double s = 0;
                int wj = j * d;
                for (int k = 0; k < d; k++) {
                    s += w[wj + k] * x[xi + k];
                }
                h[j] = phi.apply(s * inScale);
            }
            for (int o = 0; o < outputs; o++) {
                double s = 0;
                for (int j = 0; j < width; j++) {
                    s += h[j] * v[j * outputs + o];
                }
                y[i * outputs + o] = s * outScale;
            }
        }
        return y;
    }

    private static void standardizeColumns(double[] y, int n, int cols) {
        for (int c = 0; c < cols; c++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += y[i * cols + c];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double e = y[i * cols + c] - mean;
                var += e * e;
            }
            double sd = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                y[i * cols + c] = sd > 0 ? (y[i * cols + c] - mean) / sd : 0;
            }
        }
    }
}
