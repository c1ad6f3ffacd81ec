package org.ntkexplorer.core.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Scaling-law fit (docs/science.md, §Scaling-law fits): log L = log a − α·log n by least squares over every
 * run, a bootstrap confidence interval for α that resamples, independently for each n, the runs at that n with
 * replacement, and optionally L = a·n^(−α) + c by Levenberg–Marquardt started from the log-linear fit.
 */
public final class PowerLawFit {
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final double DEFAULT_LEVEL = 0.95;

    private final int resamples;
    private final double level;
    private final long seed;
    private final boolean withOffset;

    public PowerLawFit() {
        this(DEFAULT_RESAMPLES, DEFAULT_LEVEL, 0L, false);
    }

    /**
     * @param resamples  bootstrap resamples (0 gives a zero-width interval at the point estimate)
     * @param level      two-sided percentile level in (0, 1)
     * @param seed       the bootstrap draws are a function of this seed only
     * @param withOffset also fit L = a·n^(−α) + c
     */
    public PowerLawFit(int resamples, double level, long seed, boolean withOffset) {
        if (resamples < 0) {
            throw new IllegalArgumentException("Resamples must be ≥ 0, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("Confidence level must be in (0, 1), got " + level);
        }
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
        this.withOffset = withOffset;
    }

    public PowerLawFitResult fit(List<ScalingPoint> points) {
        TreeMap<Double, List<ScalingPoint>> byN = new TreeMap<>();
        for (ScalingPoint p : points) {
            if (p.n() > 0 && p.loss() > 0 && Double.isFinite(p.loss())) {
                byN.computeIfAbsent(p.n(), k -> new ArrayList<>()).add(p);
            }
        }
        if (byN.size() < 2) {
            throw new IllegalArgumentException("A power law needs runs at 2 or more distinct n with positive loss; got "
                    + byN.size() + " distinct n");
        }
        List<ScalingPoint> used = new ArrayList<>();
        byN.values().forEach(used::addAll);
        LogLine line = LogLine.fit(used);
        double[] ci = bootstrap(byN, line.alpha());
        double offsetAlpha = Double.NaN;
        double offsetA = Double.NaN;
        double c = Double.NaN;
        if (withOffset) {
            double[] abc = fitWithOffset(used, line);
            offsetA = abc[0];
            offsetAlpha = abc[1];
            c = abc[2];
        }
        return new PowerLawFitResult(line.alpha(), Math.exp(line.logA()), line.rSquared(), ci[0], ci[1], level,
                offsetAlpha, offsetA, c, used.size());
    }

    private double[] bootstrap(TreeMap<Double, List<ScalingPoint>> byN, double alpha) {
        if (resamples == 0) {
            return new double[] {alpha, alpha};
        }
        // One run at some n: every resample repeats it there, and the "interval" would only reflect the other
        // sizes' spread (a point when every n has one run), so there is none.
        if (byN.values().stream().anyMatch(runs -> runs.size() < 2)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] alphas = new double[resamples];
        List<ScalingPoint> sample = new ArrayList<>();
        for (int r = 0; r < resamples; r++) {
            sample.clear();
            for (Map.Entry<Double, List<ScalingPoint>> e : byN.entrySet()) {
                List<ScalingPoint> runs = e.getValue();
                for (int k = 0; k < runs.size(); k++) {
                    sample.add(runs.get(rnd.nextInt(runs.size())));
                }
            }
            alphas[r] = LogLine.fit(sample).alpha();
        }
        Arrays.sort(alphas);
        double tail = (1 - level) / 2;
        return new double[] {quantile(alphas, tail), quantile(alphas, 1 - tail)};
    }

    /** Linear interpolation between order statistics (type 7, as R and NumPy default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] fitWithOffset(List<ScalingPoint> points, LogLine start) {
        int m = points.size();
        double[] n = new double[m];
        double[] target = new double[m];
        double minLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            n[i] = points.get(i).n();
            target[i] = points.get(i).loss();
            minLoss = Math.min(minLoss, target[i]);
        }
        MultivariateJacobianFunction model = params -> {
            double a = params.getEntry(0);
            double alpha = params.getEntry(1);
            double c = params.getEntry(2);
            RealVector value = new ArrayRealVector(m);
            RealMatrix jacobian = new Array2DRowRealMatrix(m, 3);
            for (int i = 0; i < m; i++) {
                double pow = Math.pow(n[i], -alpha);
                value.setEntry(i, a * pow + c);
                jacobian.setEntry(i, 0, pow);
                jacobian.setEntry(i, 1, -a * pow * Math.log(n[i]));
                jacobian.setEntry(i, 2, 1);
            }
            return new Pair<>(value, jacobian);
        };
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(model)
                .target(target)
                .start(new double[] {Math.exp(start.logA()), start.alpha(), 0})
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build());
        return optimum.getPoint().toArray();
    }

    /** Ordinary least squares of log L on log n. */
    private record LogLine(double alpha, double logA, double rSquared) {
        static LogLine fit(List<ScalingPoint> points) {
            int m = points.size();
            double mx = 0;
            double my = 0;
            for (ScalingPoint p : points) {
                mx += Math.log(p.n()) / m;
                my += Math.log(p.loss()) / m;
            }
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            for (ScalingPoint p : points) {
                double dx = Math.log(p.n()) - mx;
                double dy = Math.log(p.loss()) - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
            double slope = sxy / sxx;
            double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
            return new LogLine(-slope, my - slope * mx, r2);
        }
    }
}
