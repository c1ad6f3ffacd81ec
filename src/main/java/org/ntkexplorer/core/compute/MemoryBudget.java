package org.ntkexplorer.core.compute;

import java.util.Locale;

import org.bytedeco.javacpp.Pointer;

/**
 * The one account of memory that refusals, {@code info}, the README and the status bar share.
 *
 * <p>ND4J 1.0.0-M2.1 allocates its arrays natively, outside the Java heap and outside JavaCPP's own counter
 * ({@link Pointer#totalBytes()} stays 0, so {@link Pointer#maxBytes()} bounds nothing of ours). What does bound
 * them is JavaCPP's check of the whole process's resident size against {@link Pointer#maxPhysicalBytes()}, made
 * on ND4J's small allocations: by default maxBytes + 3 × the maximum heap, that is four times the heap, and past it
 * ND4J fails with "Physical memory usage is too high". The machine's RAM bounds it too. The heap counts in the
 * resident size, so what arrays may take is that ceiling less the maximum heap.
 */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    /** The most the whole process may occupy: JavaCPP's maxPhysicalBytes, never more than the machine's RAM. */
    public static long ceilingBytes() {
        long ceiling = Pointer.maxPhysicalBytes() > 0 ? Pointer.maxPhysicalBytes() : Long.MAX_VALUE;
        long ram = Pointer.totalPhysicalBytes();
        return ram > 0 ? Math.min(ceiling, ram) : ceiling;
    }

    public static long heapMaxBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The off-heap ceiling: what arrays may take once the heap has grown to its maximum. */
    public static long offHeapCeilingBytes() {
        return Math.max(0, ceilingBytes() - heapMaxBytes());
    }

    /** Resident size of the process now, heap included (what the ceiling is checked against). */
    public static long usedBytes() {
        return Math.max(0, Pointer.physicalBytes());
    }

    /** Off-heap bytes in use now: the resident size less the heap the JVM has committed. */
    public static long offHeapUsedBytes() {
        return Math.max(0, usedBytes() - Runtime.getRuntime().totalMemory());
    }

    /** Off-heap bytes that arrays may still take: below the off-heap ceiling and within free RAM. */
    public static long availableBytes() {
        long avail = offHeapCeilingBytes() - offHeapUsedBytes();
        long physical = Pointer.availablePhysicalBytes();
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

    /** Java heap that is still free (Java arrays: data subsets, LAPACK buffers, infinite-width kernels). */
    public static long availableHeapBytes() {
        Runtime rt = Runtime.getRuntime();
        return Math.max(0, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
    }

    /**
     * Refuses a job before it starts when its estimate does not fit; a collection runs first when the first look
     * says no, as stale arrays may hold the room.
     *
     * @param what      the job, as the message names it ("The NNGP of 150000 examples")
     * @param offHeap   estimated peak of ND4J arrays and native buffers, in bytes (a double, as estimates of
     *                  impossible jobs overflow a long)
     * @param heap      estimated peak of Java arrays, in bytes
     * @param advice    what to change, in the user's terms
     */
    public static void require(String what, double offHeap, double heap, String advice) {
        require(what, offHeap, heap, "", advice);
    }

    /** As {@link #require(String, double, double, String)}, naming the parts of the estimate in the message. */
    public static void require(String what, Footprint footprint, String advice) {
        require(what, footprint.offHeapBytes(), footprint.heapBytes(), " (" + footprint.describe() + ")", advice);
    }

    private static void require(String what, double offHeap, double heap, String parts, String advice) {
        long needed = clamp(offHeap);
        if (needed > 0) {
            // Beyond the ceiling no collection can help, so the answer comes at once.
            long avail = needed > offHeapCeilingBytes() ? availableBytes() : availableBytes(needed);
            if (needed > avail) {
                throw new InsufficientMemoryException(what, offHeap, parts, avail, advice);
            }
        }
        long heapNeeded = clamp(heap);
        if (heapNeeded > availableHeapBytes()) {
            if (heapNeeded <= heapMaxBytes()) {
                System.gc();
            }
            long avail = availableHeapBytes();
            if (heapNeeded > avail) {
                throw InsufficientMemoryException.heap(what, heap, parts, avail, advice);
            }
        }
    }

    static long clamp(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(Math.max(0, bytes));
    }

    public static String gib(long bytes) {
        return gib((double) bytes);
    }

    public static String gib(double bytes) {
        double g = bytes / (1L << 30);
        return String.format(Locale.ROOT, g >= 1e6 ? "%.2e GiB" : "%,.2f GiB", g);
    }

    public static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }
}
