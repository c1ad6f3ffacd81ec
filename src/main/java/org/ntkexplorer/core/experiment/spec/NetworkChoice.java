package org.ntkexplorer.core.experiment.spec;

import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;

/**
 * The network keys of a spec: a {@link NetworkSpec} without the outputs and input shape, which only the opened data
 * gives. Unlike NetworkSpec it holds values the reader has not checked yet, so that every problem is reported at once.
 *
 * @param init the law of the initial weights; a law that fixes σ_w (lecun, pytorch) replaces the given sigmaW
 */
public record NetworkChoice(Architecture architecture, int depth, int width, Activation activation,
                            Parameterization parameterization, double sigmaW, double sigmaB, Init init) {

    public NetworkChoice {
        init = init == null ? Init.HE : init;
        sigmaW = init.freeSigmaW() ? sigmaW : init.sigmaW();
    }

    /** The network at its own width, for data of the given outputs and input shape; throws on an invalid network. */
    public NetworkSpec on(int outputs, int[] inputShape) {
        return at(width, outputs, inputShape);
    }

    /** The network at another width (a width sweep's). */
    public NetworkSpec at(int atWidth, int outputs, int[] inputShape) {
        return new NetworkSpec(architecture, depth, atWidth, activation, parameterization, sigmaW, sigmaB, outputs,
                inputShape, init);
    }

    /** The same choice drawn from another law (σ_w back to the law's own, σ_b kept). */
    public NetworkChoice withInit(Init law) {
        return new NetworkChoice(architecture, depth, width, activation, parameterization, law.sigmaW(), sigmaB, law);
    }

    public NetworkChoice withDepth(int atDepth) {
        return new NetworkChoice(architecture, atDepth, width, activation, parameterization, sigmaW, sigmaB, init);
    }
}
