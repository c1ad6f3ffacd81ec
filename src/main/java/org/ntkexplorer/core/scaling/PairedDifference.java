package org.ntkexplorer.core.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The difference α_A − α_B between the fitted exponents of two learners measured on the same runs (the same n and
 * seed: the same training subset and initialisation), with a bootstrap interval that resamples, independently for
 * each n, the seeds at that n with replacement and refits both learners on the same draw. Pairing keeps what the
 * two learners share (an easy or a hard subset) out of the interval, so it is narrower than comparing the two
 * learners' own intervals.
 *
 * @param value  α_A − α_B from every paired run
 * @param pairs  runs (n, seed) measured for both learners
 * @param fewest the fewest paired seeds at any n: with one, the interval has zero width and says nothing
 */
public record PairedDifference(double value, double low, double high, double level, int pairs, int fewest) {

    /**
     * @return null when fewer than two sizes have a run measured for both learners
     */
    public static PairedDifference of(List<ScalingPoint> a, List<ScalingPoint> b, int resamples, double level,
                                      long seed) {
        TreeMap<Double, List<double[]>> byN = new TreeMap<>();
        for (ScalingPoint p : a) {
            if (!usable(p)) {
                continue;
            }
            for (ScalingPoint q : b) {
                if (usable(q) && q.n() == p.n() && q.seed() == p.seed()) {
                    byN.computeIfAbsent(p.n(), k -> new ArrayList<>()).add(new double[] {p.loss(), q.loss()});
                    break;
                }
            }
        }
        if (byN.size() < 2) {
            return null;
        }
        int pairs = byN.values().stream().mapToInt(List::size).sum();
        int fewest = byN.values().stream().mapToInt(List::size).min().orElse(0);
        double value = slope(byN, null, 0) - slope(byN, null, 1);
        if (resamples == 0) {
            return new PairedDifference(value, value, value, level, pairs, fewest);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            Map<Double, int[]> draw = new TreeMap<>();
            for (Map.Entry<Double, List<double[]>> e : byN.entrySet()) {
                int[] idx = new int[e.getValue().size()];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = rnd.nextInt(idx.length);
                }
                draw.put(e.getKey(), idx);
            }
            d[r] = slope(byN, draw, 0) - slope(byN, draw, 1);
        }
        Arrays.sort(d);
        double tail = (1 - level) / 2;
        return new PairedDifference(value, PowerLawFit.quantile(d, tail), PowerLawFit.quantile(d, 1 - tail), level,
                pairs, fewest);
    }

    private static boolean usable(ScalingPoint p) {
        return p.n() > 0 && p.loss() > 0 && Double.isFinite(p.loss());
    }

    /** α of learner {@code which} (0: A, 1: B): minus the least-squares slope of log L on log n, over a draw. */
    private static double slope(TreeMap<Double, List<double[]>> byN, Map<Double, int[]> draw, int which) {
        double sx = 0;
        double sy = 0;
        int m = 0;
        for (Map.Entry<Double, List<double[]>> e : byN.entrySet()) {
            List<double[]> runs = e.getValue();
            int count = runs.size();
            for (int k = 0; k < count; k++) {
                double[] run = runs.get(draw == null ? k : draw.get(e.getKey())[k]);
                sx += Math.log(e.getKey());
                sy += Math.log(run[which]);
                m++;
            }
        }
        double mx = sx / m;
        double my = sy / m;
        double sxx = 0;
        double sxy = 0;
        for (Map.Entry<Double, List<double[]>> e : byN.entrySet()) {
            List<double[]> runs = e.getValue();
            for (int k = 0; k < runs.size(); k++) {
                double[] run = runs.get(draw == null ? k : draw.get(e.getKey())[k]);
                double dx = Math.log(e.getKey()) - mx;
                sxx += dx * dx;
                sxy += dx * (Math.log(run[which]) - my);
            }
        }
        return -sxy / sxx;
    }
}
