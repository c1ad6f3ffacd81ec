package org.ntkexplorer.core.experiment.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches a network's per-step training loss for spikes above its loss at initialisation (docs/science.md, §Largest
 * stable learning rate): above the stable rate, gradient descent on the linearised network diverges, while a real
 * network often shows a spike it recovers from (a catapult) by moving its kernel. A full-batch loss counts as a spike
 * as soon as it exceeds its start; a minibatch loss only above 1.5× its start, since minibatches of one network at
 * initialisation already differ by tens of percent.
 */
public final class LossSpikes {
    /** How many spikes of one network are reported; later ones are counted only. */
    private static final int REPORTED = 5;

    /** A spike: its peak over the start, the step of the peak, and the step it fell back below the start (or -1). */
    public record Spike(double ratio, long peakStep, long recoveredStep) {
        public String describe() {
            if (recoveredStep >= 0) {
                return String.format(Locale.ROOT, "catapult: loss rose to %.3g× its start at step %d and fell back "
                        + "below it by step %d", ratio, peakStep, recoveredStep);
            }
            return String.format(Locale.ROOT, "loss spike: loss rose to %.3g× its start at step %d and had not fallen "
                    + "back below it when training ended", ratio, peakStep);
        }
    }

    private final double start;
    private final double threshold;
    private final List<Spike> spikes = new ArrayList<>();
    private double peak;
    private long peakStep = -1;

    /** @param fullBatch whether every step sees the whole training set */
    public LossSpikes(double startLoss, boolean fullBatch) {
        this.start = startLoss;
        this.threshold = fullBatch ? 1 : 1.5;
    }

    /** The loss before step {@code step}; returns a spike that just ended, else null. */
    public Spike observe(long step, double loss) {
        if (!(start > 0) || !Double.isFinite(loss)) {
            return null;
        }
        double ratio = loss / start;
        if (peakStep < 0) {
            if (ratio > threshold) {
                peak = ratio;
                peakStep = step;
            }
            return null;
        }
        if (ratio > peak) {
            peak = ratio;
            peakStep = step;
        }
        if (ratio < 1) {
            Spike s = new Spike(peak, peakStep, step);
            spikes.add(s);
            peakStep = -1;
            return s;
        }
        return null;
    }

    /** A spike still open when training ended, or null. */
    public Spike unfinished() {
        if (peakStep < 0) {
            return null;
        }
        Spike s = new Spike(peak, peakStep, -1);
        spikes.add(s);
        peakStep = -1;
        return s;
    }

    /** The loss at initialisation. */
    public double start() {
        return start;
    }

    /** Whether a spike should be written to run.log (the first few only). */
    public boolean reported() {
        return spikes.size() <= REPORTED;
    }
}
