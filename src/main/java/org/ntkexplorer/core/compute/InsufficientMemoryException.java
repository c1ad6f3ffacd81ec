package org.ntkexplorer.core.compute;

/** A computation was refused before it started because its memory estimate exceeds what is available. */
public class InsufficientMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long neededBytes;
    private final long availableBytes;

    public InsufficientMemoryException(String what, long neededBytes, long availableBytes, String advice) {
        this(what, neededBytes, "", availableBytes, advice);
    }

    /**
     * @param neededBytes a double, as the estimates of impossible jobs pass a long's range
     * @param parts       " (part 1 GiB, part 2 GiB)", or empty
     */
    InsufficientMemoryException(String what, double neededBytes, String parts, long availableBytes, String advice) {
        this(what + " needs about " + MemoryBudget.gib(neededBytes) + " of memory" + parts + ", but only "
                + MemoryBudget.gib(availableBytes) + " is available (off-heap ceiling "
                + MemoryBudget.gib(MemoryBudget.offHeapCeilingBytes()) + "). " + advice, neededBytes, availableBytes);
    }

    private InsufficientMemoryException(String message, double neededBytes, long availableBytes) {
        super(message);
        this.neededBytes = MemoryBudget.clamp(neededBytes);
        this.availableBytes = availableBytes;
    }

    /** The Java heap, not the off-heap arrays, is what is short: -Xmx is the remedy. */
    static InsufficientMemoryException heap(String what, double neededBytes, String parts, long availableBytes,
                                            String advice) {
        return new InsufficientMemoryException(what + " needs about " + MemoryBudget.gib(neededBytes)
                + " of Java heap" + parts + ", but only " + MemoryBudget.gib(availableBytes) + " is free (maximum heap "
                + MemoryBudget.gib(MemoryBudget.heapMaxBytes()) + "). " + advice
                + " A larger heap (java -Xmx…) also helps.", neededBytes, availableBytes);
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long availableBytes() {
        return availableBytes;
    }
}
