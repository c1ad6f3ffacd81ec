package org.ntkexplorer.cli;

import java.io.PrintWriter;

import org.ntkexplorer.core.compute.TaskMonitor;

/** A terminal progress line, redrawn at most a few times a second, with an estimate of the time left. */
final class ConsoleProgress implements TaskMonitor {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private String lastStage = "";

    private ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    static ConsoleProgress to(PrintWriter err) {
        return new ConsoleProgress(err);
    }

    @Override
    public void progress(double fraction, String stage) {
        long now = System.nanoTime();
        if (now - lastDraw < 250_000_000L && fraction < 1 && stage.equals(lastStage)) {
            return;
        }
        lastDraw = now;
        lastStage = stage;
        double elapsed = (now - start) / 1e9;
        String eta = fraction > 0.02 && fraction < 1 ? String.format(", %.0f s left", elapsed * (1 - fraction) / fraction) : "";
        int bars = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 30);
        err.printf("\r%-24s [%s%s] %3.0f%%%s   ", stage, "#".repeat(bars), " ".repeat(30 - bars), 100 * fraction, eta);
        if (fraction >= 1) {
            err.println();
        }
        err.flush();
    }
}
