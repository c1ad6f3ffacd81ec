package org.ntkexplorer.core.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ntkexplorer.core.compute.NativeParallel;

/**
 * The top eigenvalue λ_max of the training loss's Gauss–Newton matrix G = (1/m)·Σ_i J_iᵀ·H_i·J_i at the network's
 * current parameters, by power iteration with Jacobian–vector products (docs/science.md, §Largest stable learning
 * rate). J_i is the Jacobian of example i's logits with respect to every parameter and H_i the Hessian of its loss
 * with respect to the logits: (2/C)·I for the mean-squared loss over C outputs, diag(p) − p·pᵀ for cross-entropy
 * with softmax probabilities p. A richness scale α cancels (the loss of α·(f − f₀) is divided by α²).
 *
 * <p>J·v is a central difference of the forward pass, J(θ ± ε·v), and Jᵀ·u one backward pass whose logit gradient
 * is u. Both run in float64 on a copy of the parameters, whatever the network's own precision, so the difference
 * quotient is accurate to about 1e-8 and the network itself is never touched. G is positive semi-definite, so the
 * Rayleigh quotient vᵀGv/vᵀv rises to λ_max from below.
 */
public final class SharpnessEstimator {
    /** Rows per forward or backward part: fixed, never per thread, so the result does not depend on --threads. */
    private static final int ROWS_PER_PART = 64;
    private static final int MAX_ITERATIONS = 40;
    private static final double TOLERANCE = 1e-4;
    /** The central difference's step, relative to the parameters' norm (v has norm 1). */
    private static final double RELATIVE_STEP = 1e-6;

    /**
     * @param lambdaMax     the estimate
     * @param examples      rows it was computed on
     * @param ofExamples    rows of the training set
     * @param iterations    power iterations taken
     * @param relativeError its relative uncertainty: the last iteration's change, plus, on a subsample, half the
     *                      relative spread of the two halves' estimates (the error of an m-row estimate when the
     *                      halves' errors are independent)
     */
    public record Estimate(double lambdaMax, int examples, int ofExamples, int iterations, double relativeError) {
    }

    private final NtkNetwork net;
    private final LayerPlan plan;
    private final List<INDArray> weights = new ArrayList<>();
    private final List<INDArray> biases = new ArrayList<>();
    private final double step;
    private final List<PlanPass> passes = new ArrayList<>();

    public SharpnessEstimator(NtkNetwork net) {
        this.net = net;
        this.plan = net.plan();
        double sq = 0;
        for (int k = 0; k < net.trainableLayerCount(); k++) {
            weights.add(net.weight(k).castTo(DataType.DOUBLE).dup('c'));
            biases.add(net.bias(k).castTo(DataType.DOUBLE).dup('c'));
            sq += sumSquares(weights.get(k)) + sumSquares(biases.get(k));
        }
        this.step = RELATIVE_STEP * Math.max(1, Math.sqrt(sq));
    }

    /**
     * λ_max on the training inputs, or on {@code maxExamples} rows of them drawn from {@code seed} when there are
     * more; then the two halves of the subsample are estimated as well, to state its error.
     */
    public Estimate estimate(INDArray inputs, int maxExamples, long seed) {
        int n = (int) inputs.rows();
        INDArray x = inputs.castTo(DataType.DOUBLE);
        if (n <= maxExamples) {
            Power p = topEigenvalue(x, seed);
            return new Estimate(p.lambda, n, n, p.iterations, p.change);
        }
        int[] rows = subsample(n, maxExamples, seed);
        INDArray sub = Nd4j.pullRows(x, 1, rows);
        Power whole = topEigenvalue(sub, seed);
        int half = maxExamples / 2;
        Power a = topEigenvalue(sub.get(interval(0, half), all()).dup(), seed + 1);
        Power b = topEigenvalue(sub.get(interval(half, 2L * half), all()).dup(), seed + 2);
        double spread = Math.abs(a.lambda - b.lambda) / 2 / whole.lambda;
        return new Estimate(whole.lambda, maxExamples, n, whole.iterations, whole.change + spread);
    }

    private record Power(double lambda, int iterations, double change) {
    }

    private Power topEigenvalue(INDArray x, long seed) {
        INDArray curvature = outputCurvature(x);
        List<INDArray> v = randomDirection(seed);
        double lambda = 0;
        double change = 1;
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            normalise(v);
            INDArray jv = jacobianTimes(x, v);
            INDArray u = curvatureTimes(curvature, jv).divi(x.rows());
            // vᵀGv = (Jv)ᵀ·H·(Jv)/m with |v| = 1: the Rayleigh quotient of this iteration.
            double next = jv.mul(u).sumNumber().doubleValue();
            v = transposeTimes(x, u);
            change = Math.abs(next - lambda) / Math.max(Math.abs(next), Double.MIN_NORMAL);
            lambda = next;
            if (change < TOLERANCE && it >= 3) {
                break;
            }
        }
        return new Power(lambda, it, change);
    }

    /**
     * What H_i needs: for MSE nothing but C (null), for cross-entropy each example's softmax probabilities at the
     * trained output (for a centred network h = 0 at initialisation, so p = 1/C).
     */
    private INDArray outputCurvature(INDArray x) {
        if (net.loss() == LossKind.MSE) {
            return null;
        }
        int c = net.spec().outputs();
        if (net.transform().centered()) {
            return Nd4j.valueArrayOf(new long[] {x.rows(), c}, 1.0 / c, DataType.DOUBLE);
        }
        return Transforms.softmax(forward(x, weights, biases), true);
    }

    private INDArray curvatureTimes(INDArray probabilities, INDArray w) {
        if (probabilities == null) {
            return w.mul(2.0 / w.columns());
        }
        INDArray pw = probabilities.mul(w);
        return pw.subi(probabilities.mulColumnVector(pw.sum(true, 1)));
    }

    /** J·v by central difference of the float64 forward pass. */
    private INDArray jacobianTimes(INDArray x, List<INDArray> v) {
        int layers = weights.size();
        INDArray plus = forward(x, shifted(weights, v.subList(0, layers), step),
                shifted(biases, v.subList(layers, 2 * layers), step));
        INDArray minus = forward(x, shifted(weights, v.subList(0, layers), -step),
                shifted(biases, v.subList(layers, 2 * layers), -step));
        return plus.subi(minus).divi(2 * step);
    }

    /** θ + s·v, layer by layer. */
    private static List<INDArray> shifted(List<INDArray> theta, List<INDArray> v, double s) {
        List<INDArray> out = new ArrayList<>();
        for (int k = 0; k < theta.size(); k++) {
            out.add(theta.get(k).add(v.get(k).mul(s)));
        }
        return out;
    }

    /** The float64 logits of every row of x with parameters (w, b). */
    private INDArray forward(INDArray x, List<INDArray> w, List<INDArray> b) {
        long n = x.rows();
        INDArray out = Nd4j.create(DataType.DOUBLE, n, net.spec().outputs());
        int parts = (int) ((n + ROWS_PER_PART - 1) / ROWS_PER_PART);
        try (NativeParallel.Scope single = NativeParallel.singleThreaded()) {
            NativeParallel.run(parts, (p, worker) -> {
                long r0 = n * p / parts;
                long r1 = n * (p + 1) / parts;
                out.get(interval(r0, r1), all()).assign(pass(worker).forward(x.get(interval(r0, r1), all()), w, b));
            });
        }
        return out;
    }

    /** Jᵀ·u: the parameter gradient of Σ_i u_iᵀ·f(x_i), one backward pass per part, parts summed in order. */
    private List<INDArray> transposeTimes(INDArray x, INDArray u) {
        long n = x.rows();
        int parts = (int) ((n + ROWS_PER_PART - 1) / ROWS_PER_PART);
        List<List<INDArray>> partial = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            partial.add(zerosLikeParameters());
        }
        try (NativeParallel.Scope single = NativeParallel.singleThreaded()) {
            NativeParallel.run(parts, (p, worker) -> {
                long r0 = n * p / parts;
                long r1 = n * (p + 1) / parts;
                List<INDArray> g = partial.get(p);
                PlanPass pass = pass(worker);
                pass.forward(x.get(interval(r0, r1), all()), weights, biases);
                pass.backward(u.get(interval(r0, r1), all()).dup(), g.subList(0, weights.size()),
                        g.subList(weights.size(), g.size()));
            });
        }
        List<INDArray> sum = partial.get(0);
        for (int p = 1; p < parts; p++) {
            for (int i = 0; i < sum.size(); i++) {
                sum.get(i).addi(partial.get(p).get(i));
            }
        }
        return sum;
    }

    private synchronized PlanPass pass(int worker) {
        while (passes.size() <= worker) {
            passes.add(new PlanPass(plan));
        }
        return passes.get(worker);
    }

    private List<INDArray> zerosLikeParameters() {
        List<INDArray> out = new ArrayList<>();
        for (INDArray w : weights) {
            out.add(Nd4j.zeros(DataType.DOUBLE, w.shape()));
        }
        for (INDArray b : biases) {
            out.add(Nd4j.zeros(DataType.DOUBLE, b.shape()));
        }
        return out;
    }

    private List<INDArray> randomDirection(long seed) {
        Random rng = new Random(seed * 31 + 7);
        List<INDArray> v = zerosLikeParameters();
        for (INDArray a : v) {
            double[] d = new double[(int) a.length()];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextGaussian();
            }
            a.assign(Nd4j.create(d, a.shape(), 'c'));
        }
        return v;
    }

    private static void normalise(List<INDArray> v) {
        double sq = 0;
        for (INDArray a : v) {
            sq += sumSquares(a);
        }
        double norm = Math.sqrt(sq);
        for (INDArray a : v) {
            a.divi(norm);
        }
    }

    private static double sumSquares(INDArray a) {
        return a.mul(a).sumNumber().doubleValue();
    }

    private static int[] subsample(int n, int m, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rng = new Random(seed * 1_000_003L + 17);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return java.util.Arrays.copyOf(p, m);
    }
}
