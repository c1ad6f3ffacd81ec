package org.ntkexplorer.core.compute;

import org.bytedeco.javacpp.Pointer;

/** Off-heap memory that ND4J may still allocate; arrays live there, not on the Java heap. */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    public static long availableBytes() {
        long max = Pointer.maxBytes();
        long used = Pointer.totalBytes();
        long physical = Pointer.availablePhysicalBytes();
        long avail = max > 0 ? max - used : Long.MAX_VALUE;
        if (physical > 0) {
            avail = Math.min(avail, physical);
        }
        return Math.max(0, avail);
    }

    public static String gib(long bytes) {
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
