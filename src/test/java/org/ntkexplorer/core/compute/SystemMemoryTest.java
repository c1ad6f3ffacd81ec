package org.ntkexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMemoryTest {
    private static final long GIB = 1L << 30;

    static Path fakeRoot(Path dir, long totalKb, long availableKb) throws IOException {
        Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("proc/meminfo"), "MemTotal:       " + totalKb + " kB\nMemFree:        1000 kB\n"
                + "MemAvailable:   " + availableKb + " kB\n");
        return dir;
    }

    @Test
    void readsMemAvailableAndTheCgroupV2Room(@TempDir Path dir) throws IOException {
        fakeRoot(dir, 24L << 20, 20L << 20);
        SystemMemory m = new SystemMemory(dir);
        assertEquals(20 * GIB, m.availableBytes());
        assertEquals(24 * GIB, m.totalBytes());
        Files.createDirectories(dir.resolve("sys/fs/cgroup"));
        Files.writeString(dir.resolve("sys/fs/cgroup/memory.max"), "max\n");
        assertEquals(-1, m.cgroupLimit(), "\"max\" is no limit");
        Files.writeString(dir.resolve("sys/fs/cgroup/memory.max"), (8 * GIB) + "\n");
        Files.writeString(dir.resolve("sys/fs/cgroup/memory.current"), (3 * GIB) + "\n");
        assertEquals(5 * GIB, m.availableBytes(), "the cgroup's room, tighter than MemAvailable");
        assertEquals(8 * GIB, m.totalBytes());
    }

    @Test
    void readsACgroupV1LimitAndIgnoresItsNoLimitValue(@TempDir Path dir) throws IOException {
        fakeRoot(dir, 24L << 20, 20L << 20);
        Path v1 = Files.createDirectories(dir.resolve("sys/fs/cgroup/memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        assertEquals(-1, new SystemMemory(dir).cgroupLimit());
        Files.writeString(v1.resolve("memory.limit_in_bytes"), (4 * GIB) + "\n");
        Files.writeString(v1.resolve("memory.usage_in_bytes"), GIB + "\n");
        assertEquals(3 * GIB, new SystemMemory(dir).availableBytes());
    }

    @Test
    void nothingReadableIsUnknown(@TempDir Path dir) {
        assertEquals(-1, new SystemMemory(dir).availableBytes());
        assertEquals(-1, new SystemMemory(dir).totalBytes());
    }

    @Test
    void aFakeLowMemAvailableRefusesTheJobBeforeItStarts(@TempDir Path dir) throws IOException {
        // 200 MB free on the machine: a job of 1 GiB off-heap is refused with the machine's figure, not started.
        SystemMemory previous = MemoryBudget.useSystemMemory(new SystemMemory(fakeRoot(dir, 24L << 20, 200L << 10)));
        try {
            Footprint job = Footprint.of("one kernel", GIB, 0).plus(Footprint.of("subset", 0, 10 << 20));
            InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                    () -> MemoryBudget.require("The test job", job, "Use fewer examples."));
            assertTrue(e.getMessage().contains("Use fewer examples."), e.getMessage());
            assertTrue(e.getMessage().contains("free now"), e.getMessage());
            assertTrue(e.availableBytes() <= 200L << 20, e.getMessage());
        } finally {
            MemoryBudget.useSystemMemory(previous);
        }
    }

    @Test
    void aJobThatFitsTheFreeMemoryIsAccepted(@TempDir Path dir) throws IOException {
        SystemMemory previous = MemoryBudget.useSystemMemory(new SystemMemory(fakeRoot(dir, 24L << 20, 16L << 20)));
        try {
            MemoryBudget.require("The test job", Footprint.of("one kernel", 64 << 20, 1 << 20), "-");
        } finally {
            MemoryBudget.useSystemMemory(previous);
        }
    }

    @Test
    void theAdviceGivesAHeapAndACeilingThatHoldTheJobTogether(@TempDir Path dir) throws IOException {
        // Issue 23: "-Xmx16g" was advised, and with it the default ceiling (4 × heap, capped by RAM) left too little
        // off-heap. The advice must name a heap ≥ the heap part and a ceiling ≥ heap + off-heap part.
        SystemMemory previous = MemoryBudget.useSystemMemory(new SystemMemory(fakeRoot(dir, 24L << 20, 22L << 20)));
        try {
            String advice = MemoryBudget.fitAdvice(10.0 * GIB, 6.22 * GIB);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("-Xmx(\\d+)g -Dorg.bytedeco.javacpp.maxphysicalbytes=(\\d+)g").matcher(advice);
            assertTrue(m.find(), advice);
            long xmx = Long.parseLong(m.group(1));
            long ceiling = Long.parseLong(m.group(2));
            assertTrue(xmx >= 6.22 && ceiling - xmx >= 10 && ceiling <= 22, advice);
            String tooBig = MemoryBudget.fitAdvice(30.0 * GIB, 2.0 * GIB);
            assertTrue(tooBig.contains("too little for this job"), tooBig);
        } finally {
            MemoryBudget.useSystemMemory(previous);
        }
    }
}
