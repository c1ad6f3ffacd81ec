package org.ntkexplorer.cli;

import java.io.PrintWriter;

import org.ntkexplorer.core.compute.TaskMonitor;

/** A terminal progress line, redrawn at most a few times a second, with an estimate of the time left. */
final class ConsoleProgress implements TaskMonitor {
    private final PrintWriter err;
    private final java.util.function.DoubleSupplier secondsLeft;
    private long lastDraw;
    private String lastStage = "";

    private ConsoleProgress(PrintWriter err, java.util.function.DoubleSupplier secondsLeft) {
        this.err = err;
        this.secondsLeft = secondsLeft;
    }

    /** A line without a time left (one kernel, say: a single task with nothing finished to measure). */
    static ConsoleProgress to(PrintWriter err) {
        return new ConsoleProgress(err, () -> Double.NaN);
    }

    /** @param secondsLeft the run's estimate (core's TimeLeft), NaN while it has none */
    static ConsoleProgress to(PrintWriter err, java.util.function.DoubleSupplier secondsLeft) {
        return new ConsoleProgress(err, secondsLeft);
    }

    @Override
    public void progress(double fraction, String stage) {
        long now = System.nanoTime();
        if (now - lastDraw < 250_000_000L && fraction < 1 && stage.equals(lastStage)) {
            return;
        }
        lastDraw = now;
        lastStage = stage;
        double left = fraction < 1 ? secondsLeft.getAsDouble() : Double.NaN;
        String eta = Double.isNaN(left) ? "" : String.format(java.util.Locale.ROOT, ", about %.0f s left", left);
        int bars = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 30);
        err.printf("\r%-24s [%s%s] %3.0f%%%s   ", stage, "#".repeat(bars), " ".repeat(30 - bars), 100 * fraction, eta);
        if (fraction >= 1) {
            err.println();
        }
        err.flush();
    }
}
