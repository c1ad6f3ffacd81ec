package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything that defines a network function family (not its weights).
 *
 * @param depth       hidden layers of an MLP; ignored by the Myrtle families, whose depth is in their name
 * @param inputShape  per-example input shape: {d} for an MLP, {channels, height, width} for a CNN
 */
public record NetworkSpec(Architecture architecture, int depth, int width, Activation activation,
                          Parameterization parameterization, double sigmaW, double sigmaB, int outputs,
                          int[] inputShape) {

    public NetworkSpec {
        inputShape = inputShape.clone();
        List<String> problems = problems(architecture, depth, width, activation, parameterization, sigmaW, sigmaB,
                outputs, inputShape);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid network: " + String.join("; ", problems));
        }
    }

    public static NetworkSpec mlp(int depth, int width, Activation act, Parameterization p, double sigmaW,
                                  double sigmaB, int outputs, int inputDim) {
        return new NetworkSpec(Architecture.MLP, depth, width, act, p, sigmaW, sigmaB, outputs, new int[] {inputDim});
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int inputDim() {
        return Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
    }

    /** Number of hidden layers actually built (MLP depth, or the number of convolutions). */
    public int hiddenLayers() {
        return architecture.isConvolutional() ? Arrays.stream(architecture.convsPerStage()).sum() : depth;
    }

    private static List<String> problems(Architecture arch, int depth, int width, Activation act,
                                         Parameterization p, double sigmaW, double sigmaB, int outputs,
                                         int[] shape) {
        List<String> out = new ArrayList<>();
        if (arch == null) {
            out.add("architecture is missing");
        }
        if (act == null) {
            out.add("activation is missing");
        }
        if (p == null) {
            out.add("parameterization is missing");
        }
        if (width < 1) {
            out.add("width must be at least 1 (got " + width + ")");
        }
        if (outputs < 1) {
            out.add("outputs must be at least 1 (got " + outputs + ")");
        }
        if (!(sigmaW > 0) || Double.isInfinite(sigmaW)) {
            out.add("sigmaW must be a positive finite number (got " + sigmaW + ")");
        }
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            out.add("sigmaB must be a finite number ≥ 0 (got " + sigmaB + ")");
        }
        if (arch != null && !arch.isConvolutional()) {
            if (depth < 1) {
                out.add("MLP depth must be at least 1 hidden layer (got " + depth + ")");
            }
            if (shape.length != 1 && Arrays.stream(shape).reduce(1, (a, b) -> a * b) < 1) {
                out.add("input shape " + Arrays.toString(shape) + " is empty");
            }
        }
        if (arch != null && arch.isConvolutional()) {
            if (shape.length != 3) {
                out.add(arch.id() + " needs image inputs {channels, height, width}, got shape " + Arrays.toString(shape)
                        + " (use the image layout, not flattened inputs)");
            } else if (shape[1] < 4 || shape[2] < 4) {
                out.add(arch.id() + " needs images of at least 4×4 pixels for its two 2×2 poolings (got "
                        + shape[1] + "×" + shape[2] + ")");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && architecture == s.architecture && depth == s.depth && width == s.width
                && activation == s.activation && parameterization == s.parameterization
                && Double.compare(sigmaW, s.sigmaW) == 0 && Double.compare(sigmaB, s.sigmaB) == 0
                && outputs == s.outputs && Arrays.equals(inputShape, s.inputShape);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(architecture, depth, width, activation, parameterization, sigmaW, sigmaB, outputs,
                Arrays.hashCode(inputShape));
    }

    @Override
    public String toString() {
        return architecture.id() + (architecture.isConvolutional() ? "" : " depth " + depth) + " width " + width
                + " " + activation.id() + " " + parameterization.id() + " σw=" + sigmaW + " σb=" + sigmaB
                + " outputs " + outputs + " input " + Arrays.toString(inputShape);
    }
}
