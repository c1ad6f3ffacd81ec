package org.ntkexplorer.core.model;

import java.util.Locale;

/**
 * The largest learning rate at which full-batch gradient descent on the quadratic model of the loss at initialisation
 * (its Gauss–Newton matrix, top eigenvalue λ) is stable, per optimiser (docs/science.md, §Largest stable learning
 * rate). Along the top eigenvector the error obeys a linear recursion; the rate at which one of its roots reaches −1
 * is the bound:
 * <ul>
 *   <li>gradient descent: e ← (1 − ηλ)·e, stable while η &lt; 2/λ;</li>
 *   <li>heavy-ball momentum β: stable while η &lt; 2(1 + β)/λ;</li>
 *   <li>Nesterov momentum β (this project's "momentum", as DL4J's Nesterovs implements it): stable while
 *       η &lt; 2(1 + β)/((1 + 2β)·λ).</li>
 * </ul>
 * Weight decay wd adds wd to every eigenvalue of the loss's curvature, so λ becomes λ + wd. Adam rescales each step by
 * the gradient's own size, so the eNTK gives it no bound (NaN).
 *
 * @param lambdaMax     top eigenvalue of the loss's Gauss–Newton matrix at initialisation (weight decay not included)
 * @param weightDecay   the L2 coefficient the optimiser adds to the curvature
 * @param bound         the largest stable learning rate, NaN when the optimiser has none
 * @param examples      training examples the estimate was made on
 * @param ofExamples    training examples of the network
 * @param relativeError the estimate's stated relative uncertainty (power iteration and, for a subsample, the
 *                      spread between its two halves)
 */
public record StableRate(double lambdaMax, double weightDecay, Optimizer optimizer, double momentum, double bound,
                         int examples, int ofExamples, double relativeError) {

    /** The bound for a curvature λ (weight decay not included) under an optimiser. */
    public static double bound(double lambdaMax, Optimizer optimizer, double momentum, double weightDecay) {
        double curvature = lambdaMax + weightDecay;
        if (!(curvature > 0)) {
            return Double.NaN;
        }
        switch (optimizer) {
            case SGD:
                return 2 / curvature;
            case MOMENTUM:
                return nesterov(curvature, momentum);
            default:
                return Double.NaN;
        }
    }

    /** Heavy-ball momentum β: 2(1 + β)/λ (no optimiser of the spec uses it; kept for the derivation's tests). */
    public static double heavyBall(double curvature, double beta) {
        return 2 * (1 + beta) / curvature;
    }

    /** Nesterov momentum β: 2(1 + β)/((1 + 2β)·λ). */
    public static double nesterov(double curvature, double beta) {
        return 2 * (1 + beta) / ((1 + 2 * beta) * curvature);
    }

    public static StableRate of(SharpnessEstimator.Estimate e, TrainingConfig training) {
        return new StableRate(e.lambdaMax(), training.weightDecay(), training.optimizer(), training.momentum(),
                bound(e.lambdaMax(), training.optimizer(), training.momentum(), training.weightDecay()), e.examples(),
                e.ofExamples(), e.relativeError());
    }

    public boolean hasBound() {
        return Double.isFinite(bound);
    }

    /** The learning rate as a multiple of the bound (NaN without a bound). */
    public double multiple(double learningRate) {
        return learningRate / bound;
    }

    /** Above twice the bound real networks usually diverge or catapult: the rate gets a warning (never a refusal). */
    public boolean warrantsWarning(double learningRate) {
        return hasBound() && learningRate > 2 * bound;
    }

    /** "largest stable learning rate ≈ 0.0123 (λ_max ≈ 162, on 1000 of 2048 examples, ±3 %)". */
    public String describe() {
        if (!hasBound()) {
            return String.format(Locale.ROOT, "no largest stable learning rate for %s (λ_max ≈ %.4g): it rescales "
                    + "its steps by the gradient's own size", optimizer.id(), lambdaMax);
        }
        String on = examples < ofExamples ? String.format(Locale.ROOT, ", on %d of %d examples", examples, ofExamples)
                : String.format(Locale.ROOT, ", on all %d examples", ofExamples);
        return String.format(Locale.ROOT, "largest stable learning rate ≈ %.4g (λ_max ≈ %.4g%s%s, ±%.2g %%)", bound,
                lambdaMax, weightDecay > 0 ? String.format(Locale.ROOT, " + weight decay %.3g", weightDecay) : "",
                on, 100 * relativeError);
    }

    /** The warning for a rate above twice the bound, or null. */
    public String warning(double learningRate) {
        if (!warrantsWarning(learningRate)) {
            return null;
        }
        return String.format(Locale.ROOT, "warning: learning rate %.4g is %.2f× the largest stable learning rate "
                + "≈ %.4g predicted by the eNTK at initialisation; gradient descent on the linearised network "
                + "diverges there, and a real network may diverge or go through a catapult (a loss spike it recovers "
                + "from). Training goes ahead; a rate below %.4g is expected to train smoothly.", learningRate,
                multiple(learningRate), bound, bound);
    }
}
