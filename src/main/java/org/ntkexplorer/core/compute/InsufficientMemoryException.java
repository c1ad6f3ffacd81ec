package org.ntkexplorer.core.compute;

/** A computation was refused before it started because its memory estimate exceeds what is available. */
public class InsufficientMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long neededBytes;
    private final long availableBytes;

    public InsufficientMemoryException(String what, long neededBytes, long availableBytes, String advice) {
        super(what + " needs about " + MemoryBudget.gib(neededBytes) + " but only " + MemoryBudget.gib(availableBytes)
                + " is available. " + advice);
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long availableBytes() {
        return availableBytes;
    }
}
