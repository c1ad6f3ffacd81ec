package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything that defines a network function family (not its weights).
 *
 * @param depth       hidden layers of an MLP; ignored by the Myrtle families, whose depth is in their name
 * @param inputShape  per-example input shape: {d} for an MLP, {channels, height, width} for a CNN
 * @param init        the law of the initial weights and biases; a law that fixes σ_w (lecun, pytorch) replaces
 *                    the given sigmaW by its own
 */
public record NetworkSpec(Architecture architecture, int depth, int width, Activation activation,
                          Parameterization parameterization, double sigmaW, double sigmaB, int outputs,
                          int[] inputShape, Init init) {

    /** A network with He-normal initialisation, the laws every spec had before init was a choice. */
    public NetworkSpec(Architecture architecture, int depth, int width, Activation activation,
                       Parameterization parameterization, double sigmaW, double sigmaB, int outputs, int[] inputShape) {
        this(architecture, depth, width, activation, parameterization, sigmaW, sigmaB, outputs, inputShape, Init.HE);
    }

    public NetworkSpec {
        inputShape = inputShape.clone();
        init = init == null ? Init.HE : init;
        sigmaW = init.freeSigmaW() ? sigmaW : init.sigmaW();
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

    /** The same network drawn from another law (σ_w back to the law's own unless both leave it free). */
    public NetworkSpec withInit(Init law) {
        double w = init.freeSigmaW() && law.freeSigmaW() ? sigmaW : law.sigmaW();
        return new NetworkSpec(architecture, depth, width, activation, parameterization, w, sigmaB, outputs,
                inputShape, law);
    }

    /** Standard deviation of the effective bias s_b·b of a layer with this fan-in, under this spec's law. */
    public double biasStd(int fanIn) {
        return init.biasStd(sigmaB, fanIn);
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
                && outputs == s.outputs && Arrays.equals(inputShape, s.inputShape) && init == s.init;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(architecture, depth, width, activation, parameterization, sigmaW, sigmaB, outputs,
                Arrays.hashCode(inputShape), init);
    }

    @Override
    public String toString() {
        return architecture.id() + (architecture.isConvolutional() ? "" : " depth " + depth) + " width " + width
                + " " + activation.id() + " " + parameterization.id() + " σw=" + sigmaW + " σb=" + sigmaB
                + " outputs " + outputs + " input " + Arrays.toString(inputShape)
                + (init == Init.HE ? "" : " init " + init.id());
    }
}
