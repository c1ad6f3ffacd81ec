package org.ntkexplorer.core.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the memory a process may use is divided between the Java heap and everything else (ND4J's arrays, native
 * buffers, the JVM's own), decided once, before the JVM that does the work starts. The launcher restarts Java with
 * {@link #javaOptions()} and {@link #environment(boolean)}, so nobody has to find an {@code -Xmx} by trial.
 *
 * <p>The budget is what the machine can give now (MemAvailable, or the cgroup's room), or a Slurm job's memory when
 * that is smaller: comparing with the RAM let a run be killed at 22 GB on a 24 GB machine. The launcher's own JVM
 * stays resident beside the restarted one (about 46 MB), so a margin of max(256 MiB, 3%) is taken off first.
 * JavaCPP's ceiling on the process's resident size is set to the whole budget (by default it is four times the heap,
 * which shrank the off-heap share exactly when only the heap was raised), so heap and off-heap form one budget and an
 * array that would pass it is refused by ND4J rather than the process being killed. The heap is a quarter of the
 * budget, like the JVM's default but of the memory free rather than of the RAM, and at least 512 MiB (half the budget
 * below 1 GiB): Java arrays hold n×n kernels and data subsets too (the footprints count them), so a small fixed cap
 * refused jobs that ran before. A heap the user gives ({@code -Xmx}) is kept, an initial heap the user gives
 * ({@code -Xms}) raises the chosen one to it, and a ceiling the user gives is kept.
 *
 * <p>Pure: no JavaCPP, no ND4J, so the launcher can decide before any of them loads, and tests can feed it fake
 * figures.
 *
 * @param heapWords where the heap size came from, as {@link #describe()} says it
 */
public record MemorySplit(long budgetBytes, long heapBytes, Heap heap, String heapWords, String basis) {
    /** Where the heap size came from; a chosen one (raised to a given -Xms or not) is passed on as {@code -Xmx}. */
    public enum Heap {
        CHOSEN, INITIAL, GIVEN, THIS_JVM
    }

    public static final long MIB = Bytes.MIB;
    public static final long GIB = Bytes.GIB;
    static final long MIN_HEAP = 512 * MIB;
    /** The launcher's JVM, left waiting beside the restarted one: at least this much is kept out of the budget. */
    static final long MIN_MARGIN = 256 * MIB;
    /** Set on the restarted JVM: it says the split was chosen (so there is no second restart) and how. */
    public static final String PROPERTY = "ntkexplorer.memory.split";
    /** Set when the launcher chose nothing, saying why (no /proc/meminfo off Linux, say), for run.log and info. */
    public static final String NOT_CHOSEN = "ntkexplorer.memory.split.none";
    static final String CEILING = "org.bytedeco.javacpp.maxphysicalbytes";
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    /**
     * glibc's malloc, told to give large blocks back: ND4J frees its arrays from many threads, and with one arena per
     * thread and a mmap threshold that rises with every freed block, the freed memory stayed resident in 64 MiB arena
     * heaps (57 of them, 3.0 GB, while the Java heap held 0.2 GB, in a full-data run at n = 16,384). Two arenas, and
     * blocks of 4 MiB or more always in their own mapping, returned to the system when freed. glibc's names: they are
     * set on Linux only.
     */
    static final Map<String, String> MALLOC = Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_THRESHOLD_", "4194304");

    /** As {@link #choose(long, long, long, long, long)} with no initial heap given. */
    public static MemorySplit choose(long availableBytes, long jobBytes, long givenHeapBytes, long givenCeilingBytes) {
        return choose(availableBytes, jobBytes, givenHeapBytes, -1, givenCeilingBytes);
    }

    /**
     * The split for a process that may use {@code availableBytes} now (MemAvailable or the cgroup's room; -1 when
     * unknown) within a job's memory {@code jobBytes} (-1 when there is no job limit).
     *
     * @param givenHeapBytes    the heap the user set (-Xmx and the like), or -1 to choose one
     * @param initialHeapBytes  the initial heap the user set (-Xms and the like), or -1: a chosen heap is never
     *                          smaller, as Java refuses to start with an initial heap above the maximum
     * @param givenCeilingBytes JavaCPP's ceiling as the user set it, or -1: it then is the budget
     * @return null when nothing is known about the machine's memory: the JVM's defaults stay
     */
    public static MemorySplit choose(long availableBytes, long jobBytes, long givenHeapBytes, long initialHeapBytes,
                                     long givenCeilingBytes) {
        long free = availableBytes > 0 && jobBytes > 0 ? Math.min(availableBytes, jobBytes)
                : Math.max(availableBytes, jobBytes);
        String basis = jobBytes > 0 && jobBytes <= free ? "the Slurm job's memory " + Bytes.mib(jobBytes)
                : "the memory free at start " + Bytes.mib(availableBytes);
        long budget = free - margin(free);
        basis += " less " + Bytes.mib(margin(free)) + " for the launcher's JVM";
        if (givenCeilingBytes > 0) {
            budget = givenCeilingBytes;
            basis = "-D" + CEILING + " as given";
        }
        if (budget <= 0) {
            return null;
        }
        if (givenHeapBytes > 0) {
            return new MemorySplit(budget, givenHeapBytes, Heap.GIVEN, "as given", basis);
        }
        long heap = Math.max(64 * MIB, heapFor(budget) / (64 * MIB) * (64 * MIB));
        if (initialHeapBytes > heap) {
            long raised = (initialHeapBytes + MIB - 1) / MIB * MIB;
            return new MemorySplit(budget, raised, Heap.INITIAL, "raised to the initial heap given", basis);
        }
        return new MemorySplit(budget, heap, Heap.CHOSEN, "chosen", basis);
    }

    /** A quarter of the budget, at least 512 MiB; on a nearly full machine half, so heap and off-heap stay in it. */
    static long heapFor(long budget) {
        return Math.max(budget / 4, Math.min(MIN_HEAP, budget / 2));
    }

    /** What the launcher's waiting JVM is left: max(256 MiB, 3%), never more than half of what is free. */
    static long margin(long free) {
        return Math.min(free / 2, Math.max(MIN_MARGIN, free / 100 * 3));
    }

    /** What arrays and the JVM's own memory may take: the budget less the heap (0 when a given heap passes it). */
    public long offHeapBytes() {
        return Math.max(0, budgetBytes - heapBytes);
    }

    /**
     * The process ceiling handed to JavaCPP: the budget; with a heap not chosen here, never less than that heap plus
     * 512 MiB, so that a heap set above the free memory still starts (and its jobs are then refused with figures).
     */
    public long ceilingBytes() {
        return heap == Heap.CHOSEN ? budgetBytes : Math.max(budgetBytes, heapBytes + MIN_HEAP);
    }

    /** Options for the restarted JVM; the user's own options come first and a given heap is not repeated. */
    public List<String> javaOptions() {
        List<String> out = new ArrayList<>();
        if (heap == Heap.CHOSEN || heap == Heap.INITIAL) {
            out.add("-Xmx" + heapBytes / MIB + "m");
        }
        properties().forEach((k, v) -> out.add("-D" + k + "=" + v));
        return out;
    }

    /**
     * JavaCPP's two ceilings and the description. They are read when JavaCPP loads, so a JVM that cannot be
     * restarted can still set them as system properties first.
     */
    public Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(CEILING, Long.toString(ceilingBytes()));
        out.put(MAX_BYTES, Long.toString(Math.max(MIN_HEAP, ceilingBytes() - heapBytes)));
        out.put(PROPERTY, describe());
        return out;
    }

    /**
     * Environment for the restarted JVM (read by glibc when the process starts, so it cannot be set later); empty
     * off Linux, where these names mean nothing or something else.
     */
    public Map<String, String> environment(boolean linux) {
        return linux ? MALLOC : Map.of();
    }

    /** One line for run.log and {@code info}. */
    public String describe() {
        return String.format(Locale.ROOT, "heap %s (%s) + off-heap %s = %s, from %s", Bytes.mib(heapBytes),
                heapWords, Bytes.mib(ceilingBytes() - heapBytes), Bytes.mib(ceilingBytes()), basis);
    }

    /** The same budget around a heap that can no longer change (this JVM runs the app, for the reason given). */
    public MemorySplit withThisJvmHeap(long jvmHeapBytes, String why) {
        return new MemorySplit(budgetBytes, jvmHeapBytes, Heap.THIS_JVM, "this JVM's own: " + why, basis);
    }

    /**
     * The largest initial heap the JVM options give ({@code -Xms}, {@code -XX:InitialHeapSize=},
     * {@code -XX:MinHeapSize=}), or -1.
     */
    public static long initialHeap(List<String> jvmOptions) {
        long initial = -1;
        for (String o : jvmOptions) {
            String size = o.startsWith("-Xms") ? o.substring(4) : o.startsWith("-XX:InitialHeapSize=")
                    ? o.substring(20) : o.startsWith("-XX:MinHeapSize=") ? o.substring(16) : null;
            if (size != null) {
                initial = Math.max(initial, parseSize(size));
            }
        }
        return initial;
    }

    /** Whether the JVM options set the maximum heap ({@code -Xmx}, {@code -XX:MaxHeapSize}, {@code -XX:MaxRAM…}). */
    public static boolean sizesHeap(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxHeapSize=")
                || o.startsWith("-XX:MaxRAM"));
    }

    /**
     * JavaCPP's process ceiling as the JVM options give it, in bytes; -1 when not given, and 0 when given in a form
     * this class does not read (a percentage): the user then decides everything.
     */
    public static long givenCeiling(List<String> jvmOptions) {
        long ceiling = -1;
        for (String o : jvmOptions) {
            if (o.startsWith("-D" + CEILING + "=")) {
                ceiling = Math.max(0, parseSize(o.substring(CEILING.length() + 3)));
            }
        }
        return ceiling;
    }

    /**
     * A Slurm job's memory from its environment: SLURM_MEM_PER_NODE, or SLURM_MEM_PER_CPU times the CPUs this node
     * runs for the job (both in MiB); -1 outside a job or when neither is set.
     */
    public static long slurmJobBytes(Map<String, String> env) {
        long perNode = number(env.get("SLURM_MEM_PER_NODE"));
        if (perNode > 0) {
            return perNode * MIB;
        }
        long perCpu = number(env.get("SLURM_MEM_PER_CPU"));
        if (perCpu <= 0) {
            return -1;
        }
        long cpus = number(env.get("SLURM_CPUS_ON_NODE"));
        if (cpus <= 0) {
            cpus = number(env.get("SLURM_CPUS_PER_TASK"));
        }
        return perCpu * Math.max(1, cpus) * MIB;
    }

    /** A JVM size ("3g", "512m", "1048576k", "2048"), or -1 if unreadable. */
    static long parseSize(String s) {
        try {
            String t = s.trim().toLowerCase(Locale.ROOT);
            long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> MIB;
                case 'g' -> GIB;
                case 't' -> 1L << 40;
                default -> 1;
            };
            return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Slurm's numbers may carry a unit letter (older versions print "16000M"); MiB is the default. */
    private static long number(String s) {
        if (s == null || s.isBlank()) {
            return -1;
        }
        long bytes = parseSize(s);
        char last = Character.toLowerCase(s.trim().charAt(s.trim().length() - 1));
        return bytes < 0 ? -1 : Character.isDigit(last) ? bytes : bytes / MIB;
    }
}
