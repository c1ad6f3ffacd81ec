package org.ntkexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

class NativeMemoryTrimTest {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    @Test
    void periodComesFromThePropertyAndZeroTurnsItOff() {
        assertEquals(NativeMemoryTrim.DEFAULT_PERIOD_MILLIS, NativeMemoryTrim.periodMillis(null));
        assertEquals(NativeMemoryTrim.DEFAULT_PERIOD_MILLIS, NativeMemoryTrim.periodMillis(" "));
        assertEquals(NativeMemoryTrim.DEFAULT_PERIOD_MILLIS, NativeMemoryTrim.periodMillis("soon"));
        assertEquals(250, NativeMemoryTrim.periodMillis(" 250 "));
        assertEquals(0, NativeMemoryTrim.periodMillis("0"));
        assertEquals(0, NativeMemoryTrim.periodMillis("-5"));
    }

    @Test
    void noTrimOffLinux() {
        assertNull(NativeMemoryTrim.glibcTrim("Mac OS X"));
        assertNull(NativeMemoryTrim.glibcTrim("Windows 11"));
    }

    @Test
    void theThreadTrimsEveryPeriodUntilInterrupted() throws InterruptedException {
        CountDownLatch three = new CountDownLatch(3);
        IntSupplier fake = () -> {
            three.countDown();
            return 0;
        };
        NativeMemoryTrim trim = new NativeMemoryTrim(fake, () -> -1, () -> { }, 5);
        Thread t = trim.start();
        assertTrue(t.isDaemon(), "a daemon, so that it never keeps the JVM alive");
        assertTrue(three.await(10, TimeUnit.SECONDS), "three trims within 10 s at a 5 ms period");
        t.interrupt();
        t.join(10_000);
        assertTrue(!t.isAlive(), "the thread ends when interrupted");
    }

    @Test
    void trimsOnlyWhenTheResidentSizeGrewByTheStepSinceTheLastTrim() {
        long mib = 1024 * 1024;
        long[] rss = {1000 * mib};
        int[] trims = {0};
        NativeMemoryTrim trim = new NativeMemoryTrim(() -> {
            trims[0]++;
            rss[0] -= 100 * mib;
            return 1;
        }, () -> rss[0], () -> { }, 1000);
        assertTrue(trim.check(), "the first check trims and sets the floor");
        assertEquals(900 * mib, rss[0]);
        rss[0] += (NativeMemoryTrim.GROWTH_MIB - 1) * mib;
        assertTrue(!trim.check(), "grown by less than the step: no trim");
        rss[0] = 800 * mib;
        assertTrue(!trim.check(), "shrunk: no trim, and the floor follows it down");
        rss[0] = 800 * mib + NativeMemoryTrim.GROWTH_MIB * mib;
        assertTrue(trim.check(), "grown by the step from the lowered floor: trims");
        assertEquals(2, trims[0]);
    }

    @Test
    void collectsFirstWhenGrownByTheCollectStepAndTrimsAgainAfter() {
        long mib = 1024 * 1024;
        long[] rss = {500 * mib};
        int[] trims = {0};
        int[] collections = {0};
        NativeMemoryTrim trim = new NativeMemoryTrim(() -> ++trims[0], () -> rss[0], () -> collections[0]++, 1000);
        trim.check();
        rss[0] += (NativeMemoryTrim.COLLECT_GROWTH_MIB - 1) * mib;
        assertTrue(trim.check());
        assertEquals(0, collections[0], "grown by less than the collect step: a trim only");
        rss[0] += NativeMemoryTrim.GROWTH_MIB * mib;
        assertTrue(trim.check());
        assertEquals(1, collections[0], "grown by the collect step since the first trim: collects");
        assertTrue(trim.check(), "the check after a collection trims though nothing grew");
        assertEquals(4, trims[0]);
        assertTrue(!trim.check(), "then back to trimming on growth");
        assertEquals(1, collections[0]);
    }

    @Test
    void unknownResidentSizeTrimsEveryCheck() {
        int[] trims = {0};
        NativeMemoryTrim trim = new NativeMemoryTrim(() -> ++trims[0], () -> -1, () -> { }, 1000);
        trim.check();
        trim.check();
        assertEquals(2, trims[0]);
    }

    @Test
    void residentSizeIsReadOnLinux() {
        assumeTrue(LINUX, "/proc only on Linux");
        assertTrue(NativeMemoryTrim.residentBytes() > 1024 * 1024, "a JVM has more than 1 MiB resident");
    }

    /**
     * The case that made the resident size climb: many blocks below the mmap threshold freed while a later one is still
     * held, so the heap's top cannot shrink and glibc keeps the freed pages until malloc_trim.
     */
    @Test
    void trimGivesFreedBlocksInTheMiddleOfTheHeapBack() {
        assumeTrue(LINUX, "glibc only");
        IntSupplier glibc = NativeMemoryTrim.glibcTrim(System.getProperty("os.name"));
        assumeTrue(glibc != null, "no malloc_trim (not glibc)");
        NativeMemoryTrim trim = new NativeMemoryTrim(glibc, NativeMemoryTrim::residentBytes, () -> { }, 1000);
        trim.trimOnce();
        long block = 64 * 1024;
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            long p = Native.malloc(block);
            assertTrue(p != 0);
            new Pointer(p).setMemory(0, block, (byte) 1);
            blocks.add(p);
        }
        long last = blocks.remove(blocks.size() - 1);
        blocks.forEach(Native::free);
        long before = NativeMemoryTrim.residentBytes();
        trim.trimOnce();
        long after = NativeMemoryTrim.residentBytes();
        Native.free(last);
        long freed = 5999 * block;
        assertTrue(before - after > freed / 2, "resident " + before / 1048576 + " MiB before the trim, " + after / 1048576
                + " MiB after; " + freed / 1048576 + " MiB had been freed");
    }
}
