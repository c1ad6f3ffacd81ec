package org.ntkexplorer.ui;

import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.TimeLeft;


/**
 * The status bar's "time left" of the running run: core's {@link TimeLeft} fed with the run's events and the
 * clock. No figure until a unit has finished in this run: a guess from a fraction of the first network was off by
 * minutes (20 min said 8 s into a 72-s run). Touched on the FX thread only.
 */
final class RunClock {
    private TimeLeft estimate;

    /** A run begins (or resumes, with its finished units already counted); null stops the clock. */
    void start(TimeLeft t) {
        estimate = t;
        if (t != null) {
            t.accept(new ExperimentEvent.Progress(0, "start"), now());
        }
    }

    void accept(ExperimentEvent e) {
        if (estimate == null) {
            return;
        }
        if (e instanceof ExperimentEvent.Finished || e instanceof ExperimentEvent.Failed) {
            estimate = null;
        } else {
            estimate.accept(e, now());
        }
    }

    static final String WAITING = "time left: once the first unit is done";

    /** "about 2 min 10 s left", "" when no run goes on. */
    String text() {
        if (estimate == null) {
            return "";
        }
        double left = estimate.secondsLeft(now());
        return Double.isNaN(left) ? WAITING : "about " + duration(left) + " left";
    }

    private static double now() {
        return System.nanoTime() / 1e9;
    }

    /** "45 s", "3 min 20 s", rounded so the figure does not flicker. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return Math.max(5, (s + 4) / 5 * 5) + " s";
        }
        long r = (s + 5) / 10 * 10;
        return r / 60 + " min" + (r % 60 == 0 ? "" : " " + r % 60 + " s");
    }
}
