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

    /**
     * Available bytes, after asking the collector to release unreachable arrays when fewer than {@code needed}
     * are free: ND4J frees off-heap buffers only once their Java objects are collected.
     */
    public static long availableBytes(long needed) {
        long avail = availableBytes();
        for (int attempt = 0; attempt < 3 && avail < needed; attempt++) {
            System.gc();
            try {
                Thread.sleep(100L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            avail = availableBytes();
        }
        return avail;
    }

    public static String gib(long bytes) {
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
