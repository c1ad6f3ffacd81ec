package org.ntkexplorer.core.experiment.run;

/** Training produced NaN or infinite values. */
public class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergedException(String message) {
        super(message);
    }
}
