package org.ntkexplorer.core.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Gives memory that native code has freed back to the operating system by glibc's {@code malloc_trim(0)}, whenever
 * the resident size has grown by {@value #GROWTH_MIB} MiB since the last trim (checked once a second). ND4J's arrays
 * are freed only after the collector finds their Java objects unreachable, in bursts, and glibc keeps the freed blocks in its heap: it returns only the free top of the heap, never free pages in
 * its middle. In a full-data run the resident size climbed from 1.6 to 3.7 GB while the network at n = 512 was
 * trained, and one {@code malloc_trim(0)} from outside (gdb) brought it back to 1.44 GB: 2.3 GB had been freed and
 * kept. The arenas' settings ({@link MemorySplit#environment(boolean)}) cannot do this: no threshold releases the
 * middle of a heap.
 *
 * <p>Trimming on growth rather than every second spares page faults: pages given back are faulted in again when malloc
 * reuses them.
 *
 * <p>Linux with glibc only; elsewhere (no {@code malloc_trim}, as on musl, macOS, Windows) nothing starts.
 * {@code -Dntkexplorer.trim.millis=0} turns it off, another number changes the period.
 */
public final class NativeMemoryTrim {
    /** The period in milliseconds; 0 turns trimming off. */
    public static final String PERIOD_PROPERTY = "ntkexplorer.trim.millis";
    static final long DEFAULT_PERIOD_MILLIS = 1000;
    /** Growth of the resident size since the last trim that makes the next one worth its page faults. */
    static final long GROWTH_MIB = 256;
    /**
     * Growth since the last collection made here after which the collector runs first: ND4J frees an array's buffer
     * only once its Java object is collected, and with a heap of gigabytes that can wait long: trimming alone, every
     * second, still let the n = 512 phase above reach 2.52 GB.
     */
    static final long COLLECT_GROWTH_MIB = 1024;
    private static final Path STATUS = Path.of("/proc/self/status");

    private static Thread started;

    private final IntSupplier trim;
    private final LongSupplier resident;
    private final Runnable collect;
    private final long periodMillis;
    private final AtomicLong calls = new AtomicLong();
    /** The resident size after the last trim, or the lowest seen since: growth is measured from here. */
    private long floor = -1;
    /** The same after the last collection's buffers were freed and trimmed. */
    private long collectedFloor = -1;
    /** Set by a collection: the next check trims whatever the size. */
    private boolean trimDue;

    NativeMemoryTrim(IntSupplier trim, LongSupplier resident, Runnable collect, long periodMillis) {
        this.trim = trim;
        this.resident = resident;
        this.collect = collect;
        this.periodMillis = periodMillis;
    }

    /**
     * Starts the trimming thread of this process once (later calls do nothing); returns why it did not start, or null
     * when it runs.
     */
    public static synchronized String startForProcess() {
        if (started != null) {
            return null;
        }
        long period = periodMillis(System.getProperty(PERIOD_PROPERTY));
        if (period <= 0) {
            return "turned off by -D" + PERIOD_PROPERTY;
        }
        IntSupplier trim = glibcTrim(System.getProperty("os.name", ""));
        if (trim == null) {
            return "no glibc malloc_trim here";
        }
        started = new NativeMemoryTrim(trim, NativeMemoryTrim::residentBytes, System::gc, period).start();
        return null;
    }

    /** The period a property value asks for: the default when absent or unreadable, 0 (off) when zero or less. */
    static long periodMillis(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PERIOD_MILLIS;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_PERIOD_MILLIS;
        }
    }

    /** glibc's {@code malloc_trim(0)}, or null off Linux or without the symbol (musl). */
    static IntSupplier glibcTrim(String osName) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        try {
            com.sun.jna.Function f = com.sun.jna.NativeLibrary.getInstance("c").getFunction("malloc_trim");
            Object[] zero = {0L};
            return () -> f.invokeInt(zero);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /**
     * This process's resident size (VmRSS of /proc/self/status) in bytes, or -1 when unreadable. Not through JavaCPP's
     * Pointer.physicalBytes (MemoryBudget.usedBytes): this thread starts before ND4J loads, and initialising Pointer here
     * while the main thread initialises JavaCPP's Loader deadlocked both (seen in KillResumeStressTest).
     */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable: trim every period instead.
        }
        return -1;
    }

    /**
     * One check: trims when the resident size grew by GROWTH_MIB since the last trim (always when unknown), and first
     * collects when it grew by COLLECT_GROWTH_MIB since the last collection made here; the check after a collection
     * trims whatever the size, as ND4J frees the buffers of collected arrays from its own threads, later.
     */
    boolean check() {
        long rss = resident.getAsLong();
        boolean known = rss >= 0 && floor >= 0;
        if (known && !trimDue && rss < floor + GROWTH_MIB * Bytes.MIB) {
            floor = Math.min(floor, rss);
            collectedFloor = Math.min(collectedFloor, rss);
            return false;
        }
        boolean collecting = known && !trimDue && rss >= collectedFloor + COLLECT_GROWTH_MIB * Bytes.MIB;
        if (collecting) {
            collect.run();
        }
        trimOnce();
        floor = resident.getAsLong();
        if (trimDue || collectedFloor < 0) {
            collectedFloor = floor;
        }
        trimDue = collecting;
        return true;
    }

    /** One trim now; 1 when memory was returned, as glibc reports it. */
    int trimOnce() {
        calls.incrementAndGet();
        return trim.getAsInt();
    }

    long calls() {
        return calls.get();
    }

    /** A daemon thread that checks every period until the process ends (or the thread is interrupted). */
    Thread start() {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
                check();
            }
        }, "native memory trim");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }
}
