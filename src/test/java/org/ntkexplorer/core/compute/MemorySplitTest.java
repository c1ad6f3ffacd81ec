package org.ntkexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemorySplitTest {
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private static String option(MemorySplit s, String prefix) {
        return s.javaOptions().stream().filter(o -> o.startsWith(prefix)).findFirst().orElse(null);
    }

    @Test
    void aRoomyMachineGetsASmallHeapAndTheRestOffHeapWithinWhatIsFree() {
        MemorySplit s = MemorySplit.choose(20 * GIB, -1, -1, -1);
        assertEquals(2 * GIB, s.heapBytes(), "the heap is capped: the large matrices live off the heap");
        assertEquals(20 * GIB, s.ceilingBytes(), "heap and off-heap are one budget: what is free now");
        assertEquals("-Xmx2048m", option(s, "-Xmx"));
        assertEquals("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + 20 * GIB, option(s, "-Dorg.bytedeco.javacpp.maxphys"));
        assertTrue(s.describe().contains("heap 2,048 MiB (chosen) + off-heap 18,432 MiB"), s.describe());
        assertEquals("2", s.environment().get("MALLOC_ARENA_MAX"));
    }

    @Test
    void aLowMemAvailableGivesASmallerSplitThatNeverPassesTheFreeMemory(@TempDir Path dir) throws IOException {
        // A fake machine with 24 GiB of RAM of which 1.5 GiB is free: the process ceiling is 1.5 GiB, not the RAM,
        // so a larger job is refused by the preflight check (or by JavaCPP) instead of the process being killed.
        SystemMemoryTest.fakeRoot(dir, 24L << 20, 1536L << 10);
        MemorySplit s = MemorySplit.choose(new SystemMemory(dir).availableBytes(), -1, -1, -1);
        assertEquals(512 * MIB, s.heapBytes());
        assertEquals(1536 * MIB, s.ceilingBytes());
        for (long free = 600 * MIB; free < 64 * GIB; free += 333 * MIB) {
            MemorySplit t = MemorySplit.choose(free, -1, -1, -1);
            assertTrue(t.ceilingBytes() <= free && t.heapBytes() + t.offHeapBytes() <= free, t.describe());
            assertTrue(t.heapBytes() >= Math.min(512 * MIB, free / 2 - 64 * MIB) && t.heapBytes() <= 2 * GIB, t.describe());
        }
    }

    @Test
    void aCgroupLimitOrASlurmJobBoundsTheBudget(@TempDir Path dir) throws IOException {
        SystemMemoryTest.fakeRoot(dir, 24L << 20, 20L << 20);
        Files.createDirectories(dir.resolve("sys/fs/cgroup"));
        Files.writeString(dir.resolve("sys/fs/cgroup/memory.max"), (6 * GIB) + "\n");
        Files.writeString(dir.resolve("sys/fs/cgroup/memory.current"), GIB + "\n");
        assertEquals(5 * GIB, MemorySplit.choose(new SystemMemory(dir).availableBytes(), -1, -1, -1).ceilingBytes());

        long job = MemorySplit.slurmJobBytes(Map.of("SLURM_MEM_PER_NODE", "16384"));
        assertEquals(16 * GIB, job);
        MemorySplit s = MemorySplit.choose(20 * GIB, job, -1, -1);
        assertEquals(16 * GIB, s.ceilingBytes());
        assertTrue(s.describe().contains("Slurm job's memory 16,384 MiB"), s.describe());
        assertEquals(16000 * MIB, MemorySplit.slurmJobBytes(Map.of("SLURM_MEM_PER_CPU", "4000",
                "SLURM_CPUS_ON_NODE", "4")));
        assertEquals(8 * GIB, MemorySplit.slurmJobBytes(Map.of("SLURM_MEM_PER_NODE", "8G")));
        assertEquals(-1, MemorySplit.slurmJobBytes(Map.of()));
        assertEquals(12 * GIB, MemorySplit.choose(12 * GIB, job, -1, -1).ceilingBytes(), "the node has less free");
    }

    @Test
    void anExplicitHeapIsRespected() {
        assertTrue(MemorySplit.sizesHeap(List.of("-Xss1m", "-Xmx3g")));
        assertTrue(MemorySplit.sizesHeap(List.of("-XX:MaxRAMPercentage=50")));
        assertFalse(MemorySplit.sizesHeap(List.of("-Xms1g", "-Dfoo=-Xmx1g")));
        MemorySplit s = MemorySplit.choose(20 * GIB, -1, 3 * GIB, -1);
        assertNull(option(s, "-Xmx"), "the user's -Xmx stays the only one");
        assertEquals(3 * GIB, s.heapBytes());
        assertEquals(20 * GIB, s.ceilingBytes(), "and the off-heap gets the rest of the free memory");
        assertTrue(s.describe().contains("heap 3,072 MiB (as given)"), s.describe());
    }

    @Test
    void anExplicitCeilingIsRespectedAndOneNotReadStopsTheChoice() {
        List<String> opts = List.of("-Dorg.bytedeco.javacpp.maxphysicalbytes=10g");
        assertEquals(10 * GIB, MemorySplit.givenCeiling(opts));
        assertEquals(10 * GIB, MemorySplit.choose(20 * GIB, -1, -1, MemorySplit.givenCeiling(opts)).ceilingBytes());
        assertEquals(0, MemorySplit.givenCeiling(List.of("-Dorg.bytedeco.javacpp.maxphysicalbytes=50%")));
        assertEquals(-1, MemorySplit.givenCeiling(List.of("-Xmx1g")));
    }

    @Test
    void unknownMemoryLeavesTheJvmDefaults() {
        assertNull(MemorySplit.choose(-1, -1, -1, -1));
    }
}
