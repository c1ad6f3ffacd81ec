package org.ntkexplorer.core.experiment.spec;

import java.util.Locale;

/**
 * One unit of work of a run: a network (with its kernels) at a training-set size, width, seed and, in a richness
 * study, richness. Units are what a run finishes one by one, resumes, and what shards divide between them.
 *
 * @param richness the output scale α of a richness study; NaN in every other study
 */
public record UnitKey(int n, int width, long seed, double richness) {

    /** A readable, file-name-safe id such as {@code n256-w512-s0} or {@code n256-w512-s0-r10}. */
    public String id() {
        String base = "n" + n + "-w" + width + "-s" + seed;
        return Double.isNaN(richness) ? base : base + "-r" + num(richness).replace('+', 'p');
    }

    /** How a person reads it in logs and messages. */
    public String describe() {
        String s = String.format(Locale.ROOT, "n = %d, width %d, seed %d", n, width, seed);
        return Double.isNaN(richness) ? s : s + ", richness " + num(richness);
    }

    /** Richness as the run folder's files write numbers (six significant digits). */
    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
