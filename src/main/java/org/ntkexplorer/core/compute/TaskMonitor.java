package org.ntkexplorer.core.compute;

/**
 * How a long computation reports progress and learns that it should stop. Implementations must be cheap and
 * thread-safe: they are called from the compute thread, often.
 */
public interface TaskMonitor {
    TaskMonitor NONE = new TaskMonitor() {
    };

    /** Fraction done in [0, 1] of the current stage, with a short description of the stage. */
    default void progress(double fraction, String stage) {
    }

    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} when cancellation was asked for; call between units of work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
