package org.ntkexplorer.core.scaling;

/**
 * L(n) ≈ a·n^(−α) (+ c): {@code alpha}, {@code a} and {@code rSquared} (in log–log space) come from the log-linear
 * least-squares fit; {@code offsetAlpha}, {@code offsetA} and {@code c} from the optional nonlinear fit with an
 * offset (NaN when not requested). [ciLow, ciHigh] is the bootstrap-over-seeds percentile interval for α at
 * {@code level}; it has zero width when every n has a single run. {@code pointsUsed} counts points with L > 0.
 */
public record PowerLawFitResult(double alpha, double a, double rSquared, double ciLow, double ciHigh, double level,
        double offsetAlpha, double offsetA, double c, int pointsUsed) {
}
