package org.ntkexplorer.core.kernel;

/** Arc-cosine kernel of order 1 (T) and 0 (Ṫ): the closed forms for ReLU. */
public final class ReluDual implements DualActivation {
    private static final double TWO_PI = 2 * Math.PI;

    @Override
    public void evaluate(double s11, double s12, double s22, double[] out) {
        double norm = Math.sqrt(Math.max(s11, 0) * Math.max(s22, 0));
        if (norm == 0) {
            // A zero-variance input is identically 0, where relu and its (right-continuous-at-0 = 0) derivative vanish.
            out[0] = 0;
            out[1] = 0;
            return;
        }
        double cos = Math.max(-1, Math.min(1, s12 / norm));
        double theta = Math.acos(cos);
        out[0] = norm * (Math.sqrt(1 - cos * cos) + (Math.PI - theta) * cos) / TWO_PI;
        out[1] = (Math.PI - theta) / TWO_PI;
    }
}
