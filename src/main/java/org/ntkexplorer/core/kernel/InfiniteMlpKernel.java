package org.ntkexplorer.core.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.InfiniteWidthStep;
import org.ntkexplorer.core.model.LayerPlan;
import org.ntkexplorer.core.model.NetworkSpec;

/**
 * Infinite-width NNGP and per-logit NTK of an NTK-parameterised MLP (docs/science.md, §Infinite-width kernels):
 * Σ¹ = σ_w²·x·x'/d + σ_b², Θ¹ = Σ¹; per hidden layer Σ^{l+1} = σ_w²·T + σ_b², Θ^{l+1} = Σ^{l+1} + σ_w²·Ṫ·Θ^l.
 *
 * <p>Computed in panels of rows ({@link InfinitePanels}): per panel one GEMM for the input Gram, then the recursion
 * entry by entry through all layers at once. {@link #stream} hands the panels to the caller, so a kernel learner
 * never holds the kernels as dense intermediates; {@link #train} and {@link #cross} assemble them. Relu and erf use closed forms; other activations use
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
    /** The dense layers' steps, the readout last (depth + 1): σ_w² and each layer's σ_b² under the spec's law. */
    private final InfiniteWidthStep[] steps;
    private final int quadratureOrder;
    private final int tablePoints;
    private final int threads;
    private final TaskMonitor monitor;
    /** Values per panel array; only tests change it, to see many panels on small kernels. */
    private int panelValues = InfinitePanels.PANEL_VALUES;

    public InfiniteMlpKernel(Activation activation, int depth, double sigmaW, double sigmaB) {
        this(activation, uniformSteps(activation, depth, sigmaW, sigmaB), DEFAULT_QUADRATURE_ORDER,
                DEFAULT_TABLE_POINTS, Runtime.getRuntime().availableProcessors(), TaskMonitor.NONE);
    }

    /** Every layer with σ_w² and σ_b²; checked here, where σ_w and σ_b are still the user's numbers. */
    private static InfiniteWidthStep[] uniformSteps(Activation activation, int depth, double sigmaW, double sigmaB) {
        if (depth < 0) {
            throw new IllegalArgumentException("Depth (number of hidden layers) must be ≥ 0, got " + depth);
        }
        if (!(sigmaW > 0) || !(sigmaB >= 0) || Double.isInfinite(sigmaW) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("Need σ_w > 0 and σ_b ≥ 0, got σ_w=" + sigmaW + ", σ_b=" + sigmaB);
        }
        InfiniteWidthStep[] steps = new InfiniteWidthStep[depth + 1];
        for (int l = 0; l <= depth; l++) {
            steps[l] = new InfiniteWidthStep(sigmaW * sigmaW, sigmaB * sigmaB, l < depth ? activation : null);
        }
        return steps;
    }

    /**
     * The limit of an MLP with this spec's activation, depth and initialisation law (docs/science.md,
     * §Initialisation), the recursion its layers carry ({@link LayerPlan#infiniteWidthSteps}): σ_w from the law, and
     * each layer's σ_b² from it too. PyTorch's bias variance 1/(3·fan_in) has no width limit (it vanishes in the
     * hidden layers as the width grows), so the kernel keeps the spec's finite fan-ins: the input dimension for layer
     * 1, the spec's width for the later layers and the readout. A spec with a layer that has no infinite-width
     * recursion is refused with that layer's reason.
     */
    public static InfiniteMlpKernel of(NetworkSpec spec) {
        InfiniteWidthStep[] steps = LayerPlan.of(spec).infiniteWidthSteps().toArray(new InfiniteWidthStep[0]);
        return new InfiniteMlpKernel(spec.activation(), steps, DEFAULT_QUADRATURE_ORDER, DEFAULT_TABLE_POINTS,
                Runtime.getRuntime().availableProcessors(), TaskMonitor.NONE);
    }

    private InfiniteMlpKernel(Activation activation, InfiniteWidthStep[] steps, int quadratureOrder, int tablePoints,
            int threads, TaskMonitor monitor) {
        if (activation == null) {
            throw new IllegalArgumentException("Activation is required");
        }
        for (int l = 0; l + 1 < steps.length; l++) {
            // Whether to tabulate is decided for the activation; each hidden layer's dual comes from its step.
            if (steps[l].activation() != activation) {
                throw new IllegalArgumentException("Every hidden layer needs activation " + activation.id() + ", layer "
                        + (l + 1) + " has " + steps[l].activation());
            }
        }
        for (InfiniteWidthStep step : steps) {
            if (!(step.weightVariance() > 0) || !(step.biasVariance() >= 0) || Double.isInfinite(step.weightVariance())
                    || Double.isInfinite(step.biasVariance())) {
                throw new IllegalArgumentException("Need σ_w² > 0 and σ_b² ≥ 0 in every layer, got " + step);
            }
        }
        if (tablePoints != 0 && tablePoints < 8) {
            throw new IllegalArgumentException("Table points must be 0 (off) or ≥ 8, got " + tablePoints);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Threads must be ≥ 1, got " + threads);
        }
        this.activation = activation;
        this.depth = steps.length - 1;
        this.steps = steps;
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
        return new InfiniteMlpKernel(activation, steps, order, tablePoints, threads, monitor);
    }

    /** Grid size of the correlation tables; 0 always integrates per entry. */
    public InfiniteMlpKernel withTablePoints(int points) {
        return new InfiniteMlpKernel(activation, steps, quadratureOrder, points, threads, monitor);
    }

    public InfiniteMlpKernel withThreads(int count) {
        return new InfiniteMlpKernel(activation, steps, quadratureOrder, tablePoints, count, monitor);
    }

    /** Checked once per row, so a large kernel (tens of seconds with quadrature) stops soon after a cancel. */
    public InfiniteMlpKernel withMonitor(TaskMonitor taskMonitor) {
        return new InfiniteMlpKernel(activation, steps, quadratureOrder, tablePoints, threads,
                taskMonitor);
    }

    /** A copy whose panels hold at most {@code values} entries each (at least one row). */
    public InfiniteMlpKernel withPanelValues(int values) {
        InfiniteMlpKernel k = new InfiniteMlpKernel(activation, steps, quadratureOrder, tablePoints,
                threads, monitor);
        k.panelValues = values;
        return k;
    }

    public Activation activation() {
        return activation;
    }

    public int depth() {
        return depth;
    }

    /** Symmetric n×n NNGP and NTK of the rows of {@code x} (n×d); only the upper triangle is computed. */
    public KernelPair train(INDArray x) {
        DoubleMatrices.requireMatrix(x);
        int n = x.rows();
        double[] nngp = new double[n * n];
        double[] ntk = new double[n * n];
        stream(x, null, (r0, rows, c0, cols, g, t) -> {
            for (int r = 0; r < rows; r++) {
                int i = r0 + r;
                for (int k = i - c0; k < cols; k++) {
                    int j = c0 + k;
                    nngp[i * n + j] = g[r * cols + k];
                    nngp[j * n + i] = g[r * cols + k];
                    ntk[i * n + j] = t[r * cols + k];
                    ntk[j * n + i] = t[r * cols + k];
                }
            }
        }, null);
        return new KernelPair(DoubleMatrices.fromRowMajor(nngp, n, n), DoubleMatrices.fromRowMajor(ntk, n, n));
    }

    /** n_test×n_train NNGP and NTK between the rows of {@code xTest} and of {@code xTrain}. */
    public KernelPair cross(INDArray xTest, INDArray xTrain) {
        DoubleMatrices.requireMatrix(xTest);
        DoubleMatrices.requireMatrix(xTrain);
        requireSameDimension(xTest, xTrain);
        int rows = xTest.rows();
        int cols = xTrain.rows();
        double[] nngp = new double[rows * cols];
        double[] ntk = new double[rows * cols];
        stream(xTrain, xTest, null, (r0, r, c0, c, g, t) -> {
            System.arraycopy(g, 0, nngp, r0 * cols, r * c);
            System.arraycopy(t, 0, ntk, r0 * cols, r * c);
        });
        return new KernelPair(DoubleMatrices.fromRowMajor(nngp, rows, cols),
                DoubleMatrices.fromRowMajor(ntk, rows, cols));
    }

    /**
     * Both kernels of both blocks in one pass, panel by panel: the train × train panels (upper triangle) to
     * {@code trainSink}, then the test × train panels to {@code testSink}. Variances and correlation tables are made
     * once for both. Either sink may be null to skip its block ({@code xTest} too, then).
     */
    public void stream(INDArray xTrain, INDArray xTest, PanelSink trainSink, PanelSink testSink) {
        DoubleMatrices.requireMatrix(xTrain);
        boolean test = testSink != null && xTest != null;
        if (test) {
            DoubleMatrices.requireMatrix(xTest);
            requireSameDimension(xTest, xTrain);
        }
        double[] sqTrain = squaredNorms(xTrain);
        double[] sqTest = test ? squaredNorms(xTest) : new double[0];
        long n = xTrain.rows();
        long entries = (trainSink != null ? n * (n + 1) / 2 : 0) + (test ? (long) xTest.rows() * n : 0);
        InfinitePanels.Plan plan = plan(sqTrain, sqTest, xTrain.columns(), entries);
        if (trainSink != null) {
            new InfinitePanels(steps, threads, monitor, plan, panelValues).run(xTrain, null, trainSink);
        }
        if (test) {
            InfinitePanels.Plan swapped = new InfinitePanels.Plan(plan.diagB(), plan.diagA(), plan.duals());
            new InfinitePanels(steps, threads, monitor, swapped, panelValues).run(xTest, xTrain, testSink);
        }
    }

    /** Values per panel array unless {@link #withPanelValues} says otherwise. */
    public static final int DEFAULT_PANEL_VALUES = InfinitePanels.PANEL_VALUES;

    /** Rows per panel over {@code nTrain} training examples when a panel holds at most {@code panelValues}. */
    public static int panelRows(int nTrain, int panelValues) {
        return InfinitePanels.panelRows(nTrain, panelValues);
    }

    /** Rows per panel of {@link #stream} over {@code nTrain} training examples (train and test panels alike). */
    public int panelRows(int nTrain) {
        return InfinitePanels.panelRows(nTrain, panelValues);
    }

    /**
     * Only the panels of {@link #stream} (with both sinks) whose first row is in [trainFrom, trainTo) of the train
     * pass and in [testFrom, testTo) of the test pass; the bounds are multiples of {@link #panelRows}. Each panel
     * holds the bits it holds in the whole stream: the same GEMM, the same variances, the same decision to tabulate
     * (taken on the whole stream's entries), so a kernel computed in row blocks on several machines equals the
     * kernel of one process.
     */
    public void streamRows(INDArray xTrain, INDArray xTest, int trainFrom, int trainTo, int testFrom, int testTo,
            PanelSink trainSink, PanelSink testSink) {
        DoubleMatrices.requireMatrix(xTrain);
        DoubleMatrices.requireMatrix(xTest);
        requireSameDimension(xTest, xTrain);
        long n = xTrain.rows();
        InfinitePanels.Plan plan = plan(squaredNorms(xTrain), squaredNorms(xTest), xTrain.columns(),
                n * (n + 1) / 2 + (long) xTest.rows() * n);
        if (trainTo > trainFrom) {
            new InfinitePanels(steps, threads, monitor, plan, panelValues)
                    .run(xTrain, null, trainSink, trainFrom, trainTo);
        }
        if (testTo > testFrom) {
            InfinitePanels.Plan swapped = new InfinitePanels.Plan(plan.diagB(), plan.diagA(), plan.duals());
            new InfinitePanels(steps, threads, monitor, swapped, panelValues)
                    .run(xTest, xTrain, testSink, testFrom, testTo);
        }
    }

    /**
     * The peak of {@link #stream} for {@code nTrain} and {@code nTest} examples, beyond what its sinks keep: the inputs
     * in float64, and a panel's Σ¹ from the GEMM, its Java copy and the NTK beside it.
     */
    public static Footprint streamFootprint(int nTrain, int nTest, int inputDim) {
        double panel = (double) Math.min((long) InfinitePanels.PANEL_VALUES,
                (long) InfinitePanels.panelRows(nTrain) * nTrain) * Double.BYTES;
        return Footprint.of("infinite-width kernel panels", panel + ((double) nTrain + nTest) * inputDim * Double.BYTES,
                2 * panel);
    }

    /**
     * The peak of {@link #compute} on {@code nTrain} and {@code nTest} examples ({@link #train} alone when nTest is
     * 0): the four dense Java arrays, their ND4J copies, and the panels.
     */
    public static Footprint footprint(int nTrain, int nTest) {
        double train = (double) nTrain * nTrain * Double.BYTES;
        double cross = (double) nTest * nTrain * Double.BYTES;
        return Footprint.of("NNGP and NTK of " + nTrain + (nTest > 0 ? " + " + nTest : "") + " examples",
                2 * train + 2 * cross, 2 * train + 2 * cross).plus(streamFootprint(nTrain, nTest, 0));
    }

    /** Largest number of examples whose train block fits the Java array the recursion runs in. */
    public static int maxExamples() {
        return (int) Math.floor(Math.sqrt(Integer.MAX_VALUE - 8.0));
    }

    /** Both blocks kernel regression needs: train×train and test×train. */
    public KernelBlocks compute(INDArray xTrain, INDArray xTest) {
        return new KernelBlocks(train(xTrain), cross(xTest, xTrain));
    }

    private static double[] squaredNorms(INDArray x) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        return xd.mul(xd).sum(1).toDoubleVector();
    }

    /** Variances Σ^{l+1}(x, x) of both sets for l = 0..depth, and the dual to use at each hidden layer. */
    private InfinitePanels.Plan plan(double[] sqA, double[] sqB, int inputDim, long entries) {
        InfiniteWidthStep first = steps[0];
        double[] a = new double[sqA.length];
        double[] b = new double[sqB.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = first.inputVariance(sqA[i], inputDim);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = first.inputVariance(sqB[i], inputDim);
        }
        boolean tabulate = DualActivation.of(activation, quadratureOrder) instanceof QuadratureDual && tablePoints > 0
                && entries > tablePoints && equalVariance(a, b);
        double[][] diagA = new double[depth + 1][];
        double[][] diagB = new double[depth + 1][];
        DualActivation[] duals = new DualActivation[depth];
        for (int l = 0; l < depth; l++) {
            // The dual of hidden layer l's own activation feeds layer l + 1's step.
            DualActivation base = DualActivation.of(steps[l].activation(), quadratureOrder);
            diagA[l] = a;
            diagB[l] = b;
            duals[l] = tabulate ? CorrelationTable.of((QuadratureDual) base, a[0], tablePoints, threads) : base;
            if (tabulate) {
                // The table already treats every variance as a[0]; one quadrature then serves every example. Unit
                // norms differ in their last bits, so comparing them exactly took one quadrature per example: gelu
                // at n = 4,096 spent 2.3 of its 3.4 s there.
                a = sameVariance(a, base, steps[l + 1]);
                b = sameVariance(b, a[0]);
            } else {
                a = nextVariance(a, base, steps[l + 1]);
                b = nextVariance(b, base, steps[l + 1]);
            }
        }
        diagA[depth] = a;
        diagB[depth] = b;
        return new InfinitePanels.Plan(diagA, diagB, duals);
    }

    /** The next layer's variance of inputs that share one variance (within {@link #EQUAL_VARIANCE_TOLERANCE}). */
    private static double[] sameVariance(double[] variances, DualActivation dual, InfiniteWidthStep next) {
        double[] out = new double[2];
        double s = variances[0];
        dual.evaluate(s, s, s, out);
        return sameVariance(variances, next.nngp(out[0]));
    }

    private static double[] sameVariance(double[] variances, double value) {
        double[] next = new double[variances.length];
        java.util.Arrays.fill(next, value);
        return next;
    }

    private static double[] nextVariance(double[] variances, DualActivation dual, InfiniteWidthStep next) {
        double[] out = new double[2];
        double[] values = new double[variances.length];
        for (int i = 0; i < variances.length; i++) {
            double s = variances[i];
            // Unit-norm inputs share one variance: one quadrature (about 3,000 activation calls) serves them all,
            // where one per example took gelu 4 s at n = 4,096.
            if (i > 0 && s == variances[i - 1]) {
                values[i] = values[i - 1];
                continue;
            }
            dual.evaluate(s, s, s, out);
            values[i] = next.nngp(out[0]);
        }
        return values;
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

    private static void requireSameDimension(INDArray a, INDArray b) {
        if (a.columns() != b.columns()) {
            throw new IllegalArgumentException("Test inputs have " + a.columns() + " features but train inputs have "
                    + b.columns());
        }
    }
}
