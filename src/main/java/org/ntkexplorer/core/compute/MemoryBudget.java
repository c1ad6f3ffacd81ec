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
    private static final long GIB = 1L << 30;
    private static volatile SystemMemory system = SystemMemory.host();

    private MemoryBudget() {
    }

    /** Replaces where free memory is read from (a fake meminfo or cgroup in tests); returns the previous source. */
    public static SystemMemory useSystemMemory(SystemMemory source) {
        SystemMemory previous = system;
        system = source;
        return previous;
    }

    /**
     * The most the whole process may occupy: JavaCPP's maxPhysicalBytes, never more than the machine's RAM or the
     * cgroup's limit.
     */
    public static long ceilingBytes() {
        long ceiling = Pointer.maxPhysicalBytes() > 0 ? Pointer.maxPhysicalBytes() : Long.MAX_VALUE;
        long ram = system.totalBytes() > 0 ? system.totalBytes() : Pointer.totalPhysicalBytes();
        return ram > 0 ? Math.min(ceiling, ram) : ceiling;
    }

    /**
     * What this process can still grow by before the machine runs out: MemAvailable, or the cgroup's room when
     * tighter (see {@link SystemMemory}); Long.MAX_VALUE when neither can be read.
     */
    public static long machineAvailableBytes() {
        long avail = system.availableBytes();
        if (avail < 0) {
            avail = Pointer.availablePhysicalBytes();
        }
        return avail > 0 ? avail : Long.MAX_VALUE;
    }

    /**
     * How the launcher divided this process's memory between heap and off-heap ({@link MemorySplit}), for run.log
     * and {@code info}; a JVM started some other way (tests, an embedding) says what it runs with.
     */
    public static String split() {
        String chosen = System.getProperty(MemorySplit.PROPERTY);
        String why = System.getProperty(MemorySplit.NOT_CHOSEN);
        return chosen != null ? chosen : "not chosen by the launcher" + (why != null ? " (" + why + ")" : "")
                + ": heap " + mib(heapMaxBytes()) + ", process ceiling " + mib(ceilingBytes());
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
        return Math.max(0, Math.min(offHeapCeilingBytes() - offHeapUsedBytes(), machineAvailableBytes()));
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
        require(what, offHeap, heap, "", "", advice);
    }

    /**
     * As {@link #require(String, double, double, String)}, naming the parts of the estimate in the message. Heap and
     * off-heap are one budget here: besides each fitting under its own ceiling, their growth together must fit in the
     * memory the machine (or the cgroup) has free now, so that a job is refused rather than killed.
     */
    public static void require(String what, Footprint footprint, String advice) {
        double offHeap = footprint.offHeapBytes();
        double heap = footprint.heapBytes();
        String fit = fitAdvice(offHeap, heap);
        require(what, offHeap, heap, " (" + footprint.describeOffHeap() + ")", " (" + footprint.describeHeap() + ")",
                advice + " " + fit);
        long needed = clamp(offHeap + Math.max(0, heap - freeCommittedHeapBytes()));
        long machine = machineAvailableBytes();
        for (int attempt = 0; attempt < 2 && needed > machine; attempt++) {
            System.gc();
            machine = machineAvailableBytes();
        }
        if (needed > machine) {
            throw InsufficientMemoryException.machine(what, footprint, needed, machine, advice + " " + fit);
        }
    }

    /**
     * Java settings under which a job of this estimate fits, if the machine has the room now: a heap with a quarter
     * spare, and JavaCPP's ceiling set explicitly above heap + off-heap. Its default, four times the heap, would
     * shrink the off-heap share exactly when only the heap was raised.
     */
    static String fitAdvice(double offHeap, double heap) {
        // Doubles throughout: the estimate of an impossible job (a width of 10⁹) passes a long's range.
        double xmx = Math.max(1, Math.ceil((1.25 * heap + 0.5 * GIB) / GIB));
        double ceiling = Math.ceil((xmx * GIB + 1.1 * offHeap + 1.0 * GIB) / GIB);
        long room = machineAvailableBytes();
        double process = usedBytes();
        if (ceiling * GIB > (room < Long.MAX_VALUE ? room + process : totalOrUnknown())) {
            return tooLittle(room < Long.MAX_VALUE ? room : 0, ceiling, System.getenv("SLURM_JOB_ID") != null);
        }
        // Both options are kept as given by the launcher (MemorySplit), which sets neither a second -Xmx nor another
        // ceiling; the installed app reads them from JAVA_TOOL_OPTIONS.
        return String.format(Locale.ROOT, "With this machine's free memory it would fit started as java -Xmx%.0fg "
                + "-Dorg.bytedeco.javacpp.maxphysicalbytes=%.0fg (for the installed app, put both in JAVA_TOOL_OPTIONS).",
                xmx, ceiling);
    }

    /** The advice when no Java settings help; the --mem to ask for only inside a Slurm job (SLURM_JOB_ID set). */
    static String tooLittle(long room, double ceilingGib, boolean slurmJob) {
        return "This machine has " + gib(room) + " free now, too little for this job even with other Java settings: "
                + "close other programs or make the job smaller"
                + (slurmJob ? String.format(Locale.ROOT, " (in this Slurm job, ask for --mem=%.0fG).", ceilingGib) : ".");
    }

    private static double totalOrUnknown() {
        long total = system.totalBytes() > 0 ? system.totalBytes() : Pointer.totalPhysicalBytes();
        return total > 0 ? total : Double.MAX_VALUE;
    }

    private static long freeCommittedHeapBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.freeMemory();
    }

    private static void require(String what, double offHeap, double heap, String offHeapParts, String heapParts,
                                String advice) {
        long needed = clamp(offHeap);
        if (needed > 0) {
            // Beyond the ceiling no collection can help, so the answer comes at once.
            long avail = needed > offHeapCeilingBytes() ? availableBytes() : availableBytes(needed);
            if (needed > avail) {
                throw new InsufficientMemoryException(what, offHeap, offHeapParts, avail, advice);
            }
        }
        long heapNeeded = clamp(heap);
        if (heapNeeded > availableHeapBytes()) {
            if (heapNeeded <= heapMaxBytes()) {
                System.gc();
            }
            long avail = availableHeapBytes();
            if (heapNeeded > avail) {
                throw InsufficientMemoryException.heap(what, heap, heapParts, avail, advice);
            }
        }
    }

    static long clamp(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(Math.max(0, bytes));
    }

    public static String gib(long bytes) {
        return Bytes.gib(bytes);
    }

    public static String gib(double bytes) {
        return Bytes.gib(bytes);
    }

    public static String mib(long bytes) {
        return Bytes.mib(bytes);
    }
}
