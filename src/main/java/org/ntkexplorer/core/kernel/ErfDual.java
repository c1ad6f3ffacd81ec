package org.ntkexplorer.core.kernel;

/** Closed forms of T and Ṫ for φ = erf (Williams 1997). */
public final class ErfDual implements DualActivation {

    @Override
    public void evaluate(double s11, double s12, double s22, double[] out) {
        double a = 1 + 2 * Math.max(s11, 0);
        double b = 1 + 2 * Math.max(s22, 0);
        double ab = a * b;
        double arg = Math.max(-1, Math.min(1, 2 * s12 / Math.sqrt(ab)));
        out[0] = (2 / Math.PI) * Math.asin(arg);
        // ab − 4·s12² ≥ 1 + 2(s11 + s22) > 0 by Cauchy–Schwarz, so no clamping is needed beyond the correlation.
        double clampedS12 = arg * Math.sqrt(ab) / 2;
        out[1] = (4 / Math.PI) / Math.sqrt(ab - 4 * clampedS12 * clampedS12);
    }
}
