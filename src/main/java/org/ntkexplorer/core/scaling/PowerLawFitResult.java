package org.ntkexplorer.core.scaling;

/**
 * L(n) ≈ a·n^(−α) (+ c): {@code alpha}, {@code a} and {@code rSquared} (in log–log space) come from the log-linear
 * least-squares fit; {@code offsetAlpha}, {@code offsetA} and {@code c} from the optional nonlinear fit with an
 * offset (NaN when not requested). [ciLow, ciHigh] is the bootstrap-over-seeds percentile interval for α at
 * {@code level}; both ends are NaN when some n has a single run, since resampling one run per n gives a point, not an
 * interval. {@code pointsUsed} counts points with L > 0.
 */
public record PowerLawFitResult(double alpha, double a, double rSquared, double ciLow, double ciHigh, double level,
        double offsetAlpha, double offsetA, double c, int pointsUsed) {

    /** Words shown wherever an interval would be when there is none. */
    public static final String NEEDS_SEEDS = "needs ≥ 2 seeds";

    /** Whether there is an interval: at least two runs at every n. */
    public boolean hasInterval() {
        return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
    }

    /**
     * The exponent as every view and the terminal write it: "0.123 [0.100, 0.150]", or "0.123 (needs ≥ 2 seeds for an
     * interval)" without one; one method so the window, the richness lines and the CLI cannot drift apart.
     */
    public String describe() {
        return hasInterval() ? String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", alpha, ciLow, ciHigh)
                : String.format(java.util.Locale.ROOT, "%.3f (%s for an interval)", alpha, NEEDS_SEEDS);
    }
}
