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
        this(what + " needs about " + MemoryBudget.gib(neededBytes) + " of memory off the Java heap" + parts + ", but only "
                + MemoryBudget.gib(availableBytes) + " is available (" + bindingLimit(availableBytes) + "). " + advice,
                neededBytes, availableBytes);
    }

    /**
     * Which limit left only {@code availableBytes}: when it is the machine's free memory, saying "off-heap ceiling 12 GiB"
     * would point the user at Java settings that cannot help.
     */
    private static String bindingLimit(long availableBytes) {
        long machine = MemoryBudget.machineAvailableBytes();
        if (machine < Long.MAX_VALUE && availableBytes >= machine) {
            // No second figure: the memory free moves between two readings, and the message already gives one.
            return "all the machine has free now: MemAvailable, or the cgroup's memory.max less its usage";
        }
        return "off-heap ceiling " + MemoryBudget.gib(MemoryBudget.offHeapCeilingBytes());
    }

    private InsufficientMemoryException(String message, double neededBytes, long availableBytes) {
        super(message);
        this.neededBytes = MemoryBudget.clamp(neededBytes);
        this.availableBytes = availableBytes;
    }

    /** The Java heap, not the off-heap arrays, is what is short. */
    static InsufficientMemoryException heap(String what, double neededBytes, String parts, long availableBytes,
                                            String advice) {
        return new InsufficientMemoryException(what + " needs about " + MemoryBudget.gib(neededBytes)
                + " of Java heap" + parts + ", but only " + MemoryBudget.gib(availableBytes)
                + " is free (maximum heap " + MemoryBudget.gib(MemoryBudget.heapMaxBytes()) + "). " + advice,
                neededBytes, availableBytes);
    }

    /** Heap and off-heap together do not fit in what the machine (or its cgroup) has free now. */
    static InsufficientMemoryException machine(String what, Footprint f, long neededBytes, long availableBytes,
                                               String advice) {
        return new InsufficientMemoryException(what + " needs about " + MemoryBudget.gib(f.totalBytes())
                + " of memory (" + f.describe() + "; " + MemoryBudget.gib(f.offHeapBytes()) + " off-heap, "
                + MemoryBudget.gib(f.heapBytes()) + " Java heap), " + MemoryBudget.gib(neededBytes) + " more than "
                + "it holds now, but the machine has only " + MemoryBudget.gib(availableBytes) + " free "
                + "(MemAvailable, or the cgroup's memory.max less its usage). " + advice, neededBytes, availableBytes);
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long availableBytes() {
        return availableBytes;
    }
}
