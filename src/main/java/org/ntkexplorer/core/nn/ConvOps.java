package org.ntkexplorer.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.ComputeEnvironment;

/**
 * Stride-1, k×k, zero-padded convolutions of NCHW batches with weights stored as (out, in, k, k), the layout of
 * the DL4J layers and of params.npz.
 *
 * <p>Two implementations, chosen per call. Where ND4J was built with oneDNN (the x86-64 builds) and the data are
 * float32, libnd4j's conv2d, conv2d_bp and deconv2d ops run oneDNN's direct convolutions, measured at 10-30× the
 * alternative; they also take channels-last (NHWC) batches, on which oneDNN was up to twice as fast on the Myrtle
 * layers. Elsewhere (the ARM builds, and float64, which oneDNN does not take) im2col into a contiguous buffer
 * followed by batched GEMMs, NCHW only; libnd4j's own conv2d without oneDNN was measured 4-7× slower than that.
 */
public final class ConvOps {
    private static final boolean ONE_DNN = ComputeEnvironment.oneDnn();
    private static final boolean CUDA = "CUDA".equals(ComputeEnvironment.backendKind());
    private static volatile boolean forceGemm;

    private ConvOps() {
    }

    /** Makes every call take the im2col + GEMM route, so that tests can check it on machines that have oneDNN. */
    public static void forceGemm(boolean force) {
        forceGemm = force;
    }

    /** Whether calls with data of this type run libnd4j's convolution ops (else im2col + GEMM). */
    public static boolean nativeConvolutions(DataType dataType) {
        return !forceGemm && (CUDA || ONE_DNN && dataType == DataType.FLOAT);
    }

    /**
     * out (m, cout, H, W) = x ⋆ w, plus {@code bias} (cout values) per channel when it is not null; with {@code nhwc}
     * x and out are channels-last, (m, H, W, c), which only the native route takes.
     */
    public static void forward(INDArray x, INDArray w, INDArray bias, int pad, boolean nhwc, INDArray out,
                               ArrayCache cache) {
        int k = (int) w.size(2);
        if (nativeConvolutions(x.dataType())) {
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
            op = bias == null ? op.addInputs(x, w) : op.addInputs(x, w, bias);
            Nd4j.exec(op.addOutputs(out).addIntegerArguments(args(k, pad, nhwc)).build());
            return;
        }
        requireNchw(nhwc);
        long m = x.size(0);
        long cout = w.size(0);
        long fanIn = w.length() / cout;
        long positions = x.size(2) * x.size(3);
        INDArray cols = im2col(x, k, pad, cache.get("conv.cols", x.dataType(), m, x.size(1), k, k, x.size(2), x.size(3)));
        INDArray tiledW = tile(w.reshape('c', 1, cout, fanIn), m, cache, "conv.w");
        INDArray out3 = out.reshape('c', m, cout, positions);
        Nd4j.matmul(tiledW, cols.reshape('c', m, fanIn, positions), out3, false, false, false);
        if (bias != null) {
            INDArray b = bias.reshape(cout);
            Nd4j.getExecutioner().exec(new BroadcastAddOp(out3, b, out3, 1));
            java.lang.ref.Reference.reachabilityFence(b); // held by the op alone while native code reads it (FeaturePass)
        }
    }

    /**
     * Gradients of a loss summed over the batch, from g = ∂L/∂out (m, cout, H, W, or channels-last with
     * {@code nhwc}): into {@code gradIn} (skipped when null), {@code gradW} (out, in, k, k) and {@code gradB} (cout
     * values, skipped when null).
     */
    public static void backward(INDArray x, INDArray w, INDArray g, int pad, boolean nhwc, INDArray gradIn,
                                INDArray gradW, INDArray gradB, ArrayCache cache) {
        int k = (int) w.size(2);
        long m = x.size(0);
        long cout = w.size(0);
        if (nativeConvolutions(x.dataType())) {
            INDArray in = gradIn != null ? gradIn : cache.get("conv.gradIn", x.dataType(), x.shape());
            INDArray b = gradB != null ? cache.get("conv.bias", x.dataType(), cout).assign(0) : null;
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp");
            op = b == null ? op.addInputs(x, w, g).addOutputs(in, gradW) : op.addInputs(x, w, b, g).addOutputs(in, gradW,
                    gradB.reshape(cout));
            Nd4j.exec(op.addIntegerArguments(args(k, pad, nhwc)).build());
            return;
        }
        requireNchw(nhwc);
        long fanIn = w.length() / cout;
        long positions = x.size(2) * x.size(3);
        INDArray g3 = g.reshape('c', m, cout, positions);
        INDArray cols = im2col(x, k, pad, cache.get("conv.cols", x.dataType(), m, x.size(1), k, k, x.size(2), x.size(3)));
        INDArray perExample = cache.get("conv.gradWs", x.dataType(), m, cout, fanIn);
        Nd4j.matmul(g3, cols.reshape('c', m, fanIn, positions), perExample, false, true, false);
        gradW.reshape('c', cout, fanIn).assign(perExample.sum(0));
        if (gradB != null) {
            gradB.reshape(cout).assign(g3.sum(0, 2));
        }
        if (gradIn != null) {
            inputGradient(g, w, pad, gradIn, cache);
        }
    }

    /** gradIn (r, cin, H, W) = ∂⟨g, x ⋆ w⟩/∂x for g of shape (r, cout, H, W): the transposed convolution. */
    public static void inputGradient(INDArray g, INDArray w, int pad, INDArray gradIn, ArrayCache cache) {
        int k = (int) w.size(2);
        if (nativeConvolutions(g.dataType())) {
            // deconv2d's weight format 1 is (its in = our out, its out = our in, k, k): our layout as it is.
            Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(g, w).addOutputs(gradIn)
                    .addIntegerArguments(args(k, pad, false)).build());
            return;
        }
        long r = g.size(0);
        long cout = w.size(0);
        long cin = w.size(1);
        long fanIn = w.length() / cout;
        long h = g.size(2);
        long wd = g.size(3);
        INDArray wT = tile(w.reshape('c', cout, fanIn).transpose().reshape('c', 1, fanIn, cout), r, cache, "conv.wT");
        INDArray dCols = cache.get("conv.dCols", g.dataType(), r, fanIn, h * wd);
        Nd4j.matmul(wT, g.reshape('c', r, cout, h * wd), dCols, false, false, false);
        Convolution.col2im(dCols.reshape('c', r, cin, k, k, h, wd), gradIn, 1, 1, pad, pad, (int) h, (int) wd, 1, 1);
    }

    /**
     * (m, cin, H, W) → (m, cin, k, k, H, W) in {@code out}: ND4J's im2col layout, contiguous, so that each example is
     * one (cin·k·k × H·W) matrix without any permutation.
     */
    public static INDArray im2col(INDArray x, int k, int pad, INDArray out) {
        Convolution.im2col(x.isView() || x.ordering() != 'c' ? x.dup('c') : x, k, k, 1, 1, pad, pad, false, out);
        return out;
    }

    /** {@code matrix} (1, a, b) repeated {@code copies} times, cached under {@code role}. */
    private static INDArray tile(INDArray matrix, long copies, ArrayCache cache, String role) {
        INDArray out = cache.get(role, matrix.dataType(), copies, matrix.size(1), matrix.size(2));
        out.assign(matrix.broadcast(copies, matrix.size(1), matrix.size(2)));
        return out;
    }

    /** libnd4j's conv2d arguments: kernel, stride 1, padding, dilation 1, explicit padding, layout, (out, in, k, k). */
    private static int[] args(int k, int pad, boolean nhwc) {
        return new int[] {k, k, 1, 1, pad, pad, 1, 1, 0, nhwc ? 1 : 0, 1};
    }

    private static void requireNchw(boolean nhwc) {
        if (nhwc) {
            throw new IllegalArgumentException("channels-last batches need the native convolutions");
        }
    }
}
