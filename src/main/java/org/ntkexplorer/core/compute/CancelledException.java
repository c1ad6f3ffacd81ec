package org.ntkexplorer.core.compute;

/** A computation stopped because its {@link TaskMonitor} asked it to. */
public class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
