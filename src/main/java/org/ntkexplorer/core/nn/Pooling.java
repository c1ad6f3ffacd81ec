package org.ntkexplorer.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Non-overlapping average pooling of NCHW or, with {@code nhwc}, channels-last batches (trailing rows and columns
 * that fill no window are dropped).
 */
public final class Pooling {
    private Pooling() {
    }

    /** out (m, c, H/s, W/s) = means of the s×s windows of x (m, c, H, W). */
    public static void average(INDArray x, int s, boolean nhwc, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("avgpool2d").addInputs(x).addOutputs(out).addIntegerArguments(args(s, nhwc))
                .build());
    }

    /** gradIn (shape of x) = ∂⟨g, average(x)⟩/∂x: g/s² spread over each window, zero on dropped rows and columns. */
    public static void averageBackward(INDArray x, INDArray g, int s, boolean nhwc, INDArray gradIn) {
        Nd4j.exec(DynamicCustomOp.builder("avgpool2d_bp").addInputs(x, g).addOutputs(gradIn)
                .addIntegerArguments(args(s, nhwc)).build());
    }

    /** Kernel and stride s, no padding, dilation 1, valid mode, divisor s², layout. */
    private static int[] args(int s, boolean nhwc) {
        return new int[] {s, s, s, s, 0, 0, 1, 1, 0, 0, nhwc ? 1 : 0};
    }
}
