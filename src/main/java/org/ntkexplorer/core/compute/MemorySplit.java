package org.ntkexplorer.core.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the memory a process may use is divided between the Java heap and everything else (ND4J's arrays, native
 * buffers, the JVM's own), decided once, before the JVM that does the work starts. The launcher restarts Java with
 * {@link #javaOptions()} and {@link #environment()}, so nobody has to find an {@code -Xmx} by trial.
 *
 * <p>The budget is what the machine can give now (MemAvailable, or the cgroup's room), or a Slurm job's memory when
 * that is smaller: comparing with the RAM let a run be killed at 22 GB on a 24 GB machine. JavaCPP's ceiling on the
 * process's resident size is set to the whole budget (by default it is four times the heap, which shrank the off-heap
 * share exactly when only the heap was raised), so heap and off-heap form one budget and an array that would pass it
 * is refused by ND4J rather than the process being killed. The heap is a fifth of the budget, at least 512 MiB and at
 * most 2 GiB: the large matrices live off the heap, and a heap that may grow to a quarter of the RAM is memory the
 * arrays cannot have. A heap the user gives ({@code -Xmx}) is kept, and so is a ceiling the user gives.
 *
 * <p>Pure: no JavaCPP, no ND4J, so the launcher can decide before any of them loads, and tests can feed it fake
 * figures.
 */
public record MemorySplit(long budgetBytes, long heapBytes, Heap heap, String basis) {
    /** Where the heap size came from; only a chosen one is passed on as {@code -Xmx}. */
    public enum Heap {
        CHOSEN("chosen"), GIVEN("as given"), JVM_DEFAULT("the JVM's default: no java command to restart with");

        private final String words;

        Heap(String words) {
            this.words = words;
        }
    }

    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    static final long MIN_HEAP = 512 * MIB;
    static final long MAX_HEAP = 2 * GIB;
    /** Set on the restarted JVM: it says the split was chosen (so there is no second restart) and how. */
    public static final String PROPERTY = "ntkexplorer.memory.split";
    static final String CEILING = "org.bytedeco.javacpp.maxphysicalbytes";
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    /**
     * glibc's malloc, told to give large blocks back: ND4J frees its arrays from many threads, and with one arena per
     * thread and a mmap threshold that rises with every freed block, the freed memory stayed resident in 64 MiB arena
     * heaps (57 of them, 3.0 GB, while the Java heap held 0.2 GB, in a full-data run at n = 16,384). Two arenas, and
     * blocks of 4 MiB or more always in their own mapping, returned to the system when freed.
     */
    static final Map<String, String> MALLOC = Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_THRESHOLD_", "4194304");

    /**
     * The split for a process that may use {@code availableBytes} now (MemAvailable or the cgroup's room; -1 when
     * unknown) within a job's memory {@code jobBytes} (-1 when there is no job limit).
     *
     * @param givenHeapBytes    the heap the user set (-Xmx and the like), or -1 to choose one
     * @param givenCeilingBytes JavaCPP's ceiling as the user set it, or -1: it then is the budget
     * @return null when nothing is known about the machine's memory: the JVM's defaults stay
     */
    public static MemorySplit choose(long availableBytes, long jobBytes, long givenHeapBytes, long givenCeilingBytes) {
        long budget = availableBytes > 0 && jobBytes > 0 ? Math.min(availableBytes, jobBytes)
                : Math.max(availableBytes, jobBytes);
        String basis = jobBytes > 0 && jobBytes <= budget ? "the Slurm job's memory " + mib(jobBytes)
                : "the memory free at start " + mib(availableBytes);
        if (givenCeilingBytes > 0) {
            budget = givenCeilingBytes;
            basis = "-D" + CEILING + " as given";
        }
        if (budget <= 0) {
            return null;
        }
        if (givenHeapBytes > 0) {
            return new MemorySplit(budget, givenHeapBytes, Heap.GIVEN, basis);
        }
        // On a nearly full machine the heap takes at most half, so that heap and off-heap stay within what is free.
        long heap = Math.min(MAX_HEAP, Math.max(Math.min(MIN_HEAP, budget / 2), budget / 5));
        return new MemorySplit(budget, Math.max(64 * MIB, heap / (64 * MIB) * (64 * MIB)), Heap.CHOSEN, basis);
    }

    /** What arrays and the JVM's own memory may take: the budget less the heap (0 when a given heap passes it). */
    public long offHeapBytes() {
        return Math.max(0, budgetBytes - heapBytes);
    }

    /**
     * The process ceiling handed to JavaCPP: the budget; with a heap the user gave, never less than that heap plus
     * 512 MiB, so that a heap chosen above the free memory still starts (and its jobs are then refused with figures).
     */
    public long ceilingBytes() {
        return heap == Heap.CHOSEN ? budgetBytes : Math.max(budgetBytes, heapBytes + MIN_HEAP);
    }

    /** Options for the restarted JVM; the user's own options come first and a given heap is not repeated. */
    public List<String> javaOptions() {
        List<String> out = new ArrayList<>();
        if (heap == Heap.CHOSEN) {
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

    /** Environment for the restarted JVM (read by glibc when the process starts, so it cannot be set later). */
    public Map<String, String> environment() {
        return MALLOC;
    }

    /** One line for run.log and {@code info}. */
    public String describe() {
        return String.format(Locale.ROOT, "heap %s (%s) + off-heap %s = %s, from %s", mib(heapBytes),
                heap.words, mib(ceilingBytes() - heapBytes),
                mib(ceilingBytes()), basis);
    }

    /** The same budget around a heap that can no longer change (the JVM already runs with it). */
    public MemorySplit withJvmDefaultHeap(long jvmHeapBytes) {
        return new MemorySplit(budgetBytes, jvmHeapBytes, Heap.JVM_DEFAULT, basis);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
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
