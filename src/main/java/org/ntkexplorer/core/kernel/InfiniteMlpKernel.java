package org.ntkexplorer.core.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.NetworkSpec;

/**
 * Infinite-width NNGP and per-logit NTK of an NTK-parameterised MLP (docs/science.md, §Infinite-width kernels):
 * Σ¹ = σ_w²·x·x'/d + σ_b², Θ¹ = Σ¹; per hidden layer Σ^{l+1} = σ_w²·T + σ_b², Θ^{l+1} = Σ^{l+1} + σ_w²·Ṫ·Θ^l.
 *
 * <p>The input Gram is one GEMM; the recursion then runs entry by entry through all layers at once, so only
 * the two output matrices are held in memory. Relu and erf use closed forms; other activations use
 * {@link QuadratureDual}. When all inputs (train and test) share one variance — unit-norm inputs — each
 * quadrature layer is read from a {@link CorrelationTable} instead of integrating per entry, which is what makes
 * n = 4000 feasible for tanh or gelu. The table is used once a block has more entries than the table has points.
 *
 * <p>Immutable; configure with the {@code with…} methods.
 */
public final class InfiniteMlpKernel {
    /** Relative error ≤ 2·10⁻¹⁰ for tanh and gelu at variances 0.01–200 (QuadratureAccuracyTest). */
    public static final int DEFAULT_QUADRATURE_ORDER = 32;
    public static final int DEFAULT_TABLE_POINTS = 4097;
    /** Relative spread of the input variances below which they count as one variance for tabulation. */
    public static final double EQUAL_VARIANCE_TOLERANCE = 1e-12;

    private final Activation activation;
    private final int depth;
    private final double sigmaW;
    private final double sigmaB;
    /** σ_b² of layers 1..depth+1 (the readout last): all σ_b² unless a law ties them to the fan-in. */
    private final double[] biasVariances;
    private final int quadratureOrder;
    private final int tablePoints;
    private final int threads;
    private final TaskMonitor monitor;

    public InfiniteMlpKernel(Activation activation, int depth, double sigmaW, double sigmaB) {
        this(activation, depth, sigmaW, sigmaB, null, DEFAULT_QUADRATURE_ORDER, DEFAULT_TABLE_POINTS,
                Runtime.getRuntime().availableProcessors(), TaskMonitor.NONE);
    }

    /**
     * The limit of an MLP with this spec's activation, depth and initialisation law (docs/science.md,
     * §Initialisation): σ_w from the law, and each layer's σ_b² from it too. PyTorch's bias variance 1/(3·fan_in)
     * has no width limit (it vanishes in the hidden layers as the width grows), so the kernel keeps the spec's
     * finite fan-ins: the input dimension for layer 1, the spec's width for the later layers and the readout.
     */
    public static InfiniteMlpKernel of(NetworkSpec spec) {
        int depth = spec.depth();
        double[] sb2 = new double[depth + 1];
        for (int l = 0; l <= depth; l++) {
            double std = spec.biasStd(l == 0 ? spec.inputDim() : spec.width());
            sb2[l] = std * std;
        }
        return new InfiniteMlpKernel(spec.activation(), depth, spec.sigmaW(), spec.sigmaB(), sb2,
                DEFAULT_QUADRATURE_ORDER, DEFAULT_TABLE_POINTS, Runtime.getRuntime().availableProcessors(),
                TaskMonitor.NONE);
    }

    private InfiniteMlpKernel(Activation activation, int depth, double sigmaW, double sigmaB, double[] biasVariances,
            int quadratureOrder, int tablePoints, int threads, TaskMonitor monitor) {
        if (activation == null) {
            throw new IllegalArgumentException("Activation is required");
        }
        if (depth < 0) {
            throw new IllegalArgumentException("Depth (number of hidden layers) must be ≥ 0, got " + depth);
        }
        if (!(sigmaW > 0) || !(sigmaB >= 0) || Double.isInfinite(sigmaW) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("Need σ_w > 0 and σ_b ≥ 0, got σ_w=" + sigmaW + ", σ_b=" + sigmaB);
        }
        if (tablePoints != 0 && tablePoints < 8) {
            throw new IllegalArgumentException("Table points must be 0 (off) or ≥ 8, got " + tablePoints);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Threads must be ≥ 1, got " + threads);
        }
        this.activation = activation;
        this.depth = depth;
        this.sigmaW = sigmaW;
        this.sigmaB = sigmaB;
        if (biasVariances == null) {
            biasVariances = new double[depth + 1];
            java.util.Arrays.fill(biasVariances, sigmaB * sigmaB);
        }
        this.biasVariances = biasVariances;
        this.quadratureOrder = quadratureOrder;
        this.tablePoints = tablePoints;
        this.threads = threads;
        this.monitor = monitor;
        if (quadratureOrder < 2 || quadratureOrder % 2 != 0) {
            throw new IllegalArgumentException("Quadrature order must be an even number ≥ 2, got " + quadratureOrder);
        }
    }

    /** Resolution of the quadrature for activations without a closed form (even, ≥ 2; see {@link QuadratureDual}). */
    public InfiniteMlpKernel withQuadratureOrder(int order) {
        return new InfiniteMlpKernel(activation, depth, sigmaW, sigmaB, biasVariances, order, tablePoints, threads, monitor);
    }

    /** Grid size of the correlation tables; 0 always integrates per entry. */
    public InfiniteMlpKernel withTablePoints(int points) {
        return new InfiniteMlpKernel(activation, depth, sigmaW, sigmaB, biasVariances, quadratureOrder, points, threads, monitor);
    }

    public InfiniteMlpKernel withThreads(int count) {
        return new InfiniteMlpKernel(activation, depth, sigmaW, sigmaB, biasVariances, quadratureOrder, tablePoints, count, monitor);
    }

    /** Checked once per row, so a large kernel (tens of seconds with quadrature) stops soon after a cancel. */
    public InfiniteMlpKernel withMonitor(TaskMonitor taskMonitor) {
        return new InfiniteMlpKernel(activation, depth, sigmaW, sigmaB, biasVariances, quadratureOrder, tablePoints, threads,
                taskMonitor);
    }

    public Activation activation() {
        return activation;
    }

    public int depth() {
        return depth;
    }

    public double sigmaW() {
        return sigmaW;
    }

    public double sigmaB() {
        return sigmaB;
    }

    /** σ_b² of layer l + 1 (l = 0 the first hidden layer, l = depth the readout). */
    public double biasVariance(int l) {
        return biasVariances[l];
    }

    /** Symmetric n×n NNGP and NTK of the rows of {@code x} (n×d); only the upper triangle is computed. */
    public KernelPair train(INDArray x) {
        DoubleMatrices.requireMatrix(x);
        double[] sq = squaredNorms(x);
        LayerPlan plan = plan(sq, sq, x.columns(), (long) x.rows() * (x.rows() + 1) / 2);
        return recurse(gram(x, x), plan, plan.diagA(), plan.diagA(), x.rows(), x.rows(), true);
    }

    /** n_test×n_train NNGP and NTK between the rows of {@code xTest} and of {@code xTrain}. */
    public KernelPair cross(INDArray xTest, INDArray xTrain) {
        DoubleMatrices.requireMatrix(xTest);
        DoubleMatrices.requireMatrix(xTrain);
        requireSameDimension(xTest, xTrain);
        LayerPlan plan = plan(squaredNorms(xTest), squaredNorms(xTrain), xTrain.columns(),
                (long) xTest.rows() * xTrain.rows());
        return recurse(gram(xTest, xTrain), plan, plan.diagA(), plan.diagB(), xTest.rows(), xTrain.rows(), false);
    }

    /**
     * The peak of {@link #compute} on {@code nTrain} and {@code nTest} examples ({@link #train} alone when nTest is
     * 0). The input Gram comes back from ND4J, is flattened and copied into a Java double[] that the recursion
     * overwrites beside a second one for the NTK; both are then copied back into ND4J arrays, and the train block's
     * pair stays while the test block is computed.
     */
    public static Footprint footprint(int nTrain, int nTest) {
        double train = (double) nTrain * nTrain * Double.BYTES;
        double cross = (double) nTest * nTrain * Double.BYTES;
        return Footprint.of("NNGP and NTK of " + nTrain + (nTest > 0 ? " + " + nTest : "") + " examples",
                Math.max(4 * train, 2 * train + 4 * cross), 2 * Math.max(train, cross));
    }

    /** Largest number of examples whose train block fits the Java array the recursion runs in. */
    public static int maxExamples() {
        return (int) Math.floor(Math.sqrt(Integer.MAX_VALUE - 8.0));
    }

    /** Both blocks kernel regression needs: train×train and test×train. */
    public KernelBlocks compute(INDArray xTrain, INDArray xTest) {
        return new KernelBlocks(train(xTrain), cross(xTest, xTrain));
    }

    private KernelPair recurse(double[] sigma, LayerPlan plan, double[][] diagRows, double[][] diagCols, int rows,
            int cols, boolean symmetric) {
        double sw2 = sigmaW * sigmaW;
        double[] sb2 = biasVariances;
        double[] theta = new double[sigma.length];
        ParallelRows.run(rows, threads, i -> {
            monitor.checkCancelled();
            double[] out = new double[2];
            int start = symmetric ? i : 0;
            int base = i * cols;
            for (int j = start; j < cols; j++) {
                // On the diagonal take the variance from the norms, not the GEMM: arccos-type duals amplify a
                // rounding gap between them (ρ = 1 − ε moves relu's Ṫ by √ε).
                double s = symmetric && j == i ? diagRows[0][i] : sigma[base + j];
                double th = s;
                for (int l = 0; l < depth; l++) {
                    plan.duals()[l].evaluate(diagRows[l][i], s, diagCols[l][j], out);
                    s = sw2 * out[0] + sb2[l + 1];
                    th = s + sw2 * out[1] * th;
                }
                sigma[base + j] = s;
                theta[base + j] = th;
            }
        });
        if (symmetric) {
            mirrorUpperToLower(sigma, rows);
            mirrorUpperToLower(theta, rows);
        }
        return new KernelPair(DoubleMatrices.fromRowMajor(sigma, rows, cols),
                DoubleMatrices.fromRowMajor(theta, rows, cols));
    }

    /** Σ¹ entries: σ_w²·x·x'/d + σ_b², as a row-major buffer that the recursion then overwrites. */
    private double[] gram(INDArray a, INDArray b) {
        INDArray ad = a.castTo(DataType.DOUBLE);
        INDArray bd = b.castTo(DataType.DOUBLE);
        double[] g = DoubleMatrices.toRowMajor(ad.mmul(bd.transpose()));
        double scale = sigmaW * sigmaW / a.columns();
        double shift = biasVariances[0];
        for (int k = 0; k < g.length; k++) {
            g[k] = scale * g[k] + shift;
        }
        return g;
    }

    private static double[] squaredNorms(INDArray x) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        return xd.mul(xd).sum(1).toDoubleVector();
    }

    /** Variances Σ^{l+1}(x, x) of both sets for l = 0..depth, and the dual to use at each hidden layer. */
    private LayerPlan plan(double[] sqA, double[] sqB, int inputDim, long entries) {
        double sw2 = sigmaW * sigmaW;
        double sb2 = biasVariances[0];
        double[] a = new double[sqA.length];
        double[] b = new double[sqB.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = sw2 * sqA[i] / inputDim + sb2;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = sw2 * sqB[i] / inputDim + sb2;
        }
        DualActivation base = DualActivation.of(activation, quadratureOrder);
        boolean tabulate = base instanceof QuadratureDual && tablePoints > 0 && entries > tablePoints
                && equalVariance(a, b);
        double[][] diagA = new double[depth + 1][];
        double[][] diagB = new double[depth + 1][];
        DualActivation[] duals = new DualActivation[depth];
        for (int l = 0; l < depth; l++) {
            diagA[l] = a;
            diagB[l] = b;
            duals[l] = tabulate ? new CorrelationTable((QuadratureDual) base, a[0], tablePoints, threads) : base;
            a = nextVariance(a, base, biasVariances[l + 1]);
            b = nextVariance(b, base, biasVariances[l + 1]);
        }
        diagA[depth] = a;
        diagB[depth] = b;
        return new LayerPlan(diagA, diagB, duals);
    }

    private double[] nextVariance(double[] variances, DualActivation dual, double sb2) {
        double sw2 = sigmaW * sigmaW;
        double[] out = new double[2];
        double[] next = new double[variances.length];
        for (int i = 0; i < variances.length; i++) {
            double s = variances[i];
            dual.evaluate(s, s, s, out);
            next[i] = sw2 * out[0] + sb2;
        }
        return next;
    }

    private static boolean equalVariance(double[] a, double[] b) {
        if (a.length == 0) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] set : new double[][] {a, b}) {
            for (double v : set) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max - min <= EQUAL_VARIANCE_TOLERANCE * max;
    }

    private static void mirrorUpperToLower(double[] m, int n) {
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                m[i * n + j] = m[j * n + i];
            }
        }
    }

    private static void requireSameDimension(INDArray a, INDArray b) {
        if (a.columns() != b.columns()) {
            throw new IllegalArgumentException("Test inputs have " + a.columns() + " features but train inputs have "
                    + b.columns());
        }
    }

    private record LayerPlan(double[][] diagA, double[][] diagB, DualActivation[] duals) {
    }
}
