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
    void aRoomyMachineGetsAQuarterOfWhatIsFreeLessTheLaunchersMarginAsHeap() {
        // 20 GiB free: the margin is 3% (614 MiB, above the 256 MiB floor), the budget 19,866 MiB, the heap a quarter
        // of it (4,966 MiB) rounded down to 64 MiB: 4,928 MiB. The old rule capped it at 2 GiB.
        MemorySplit s = MemorySplit.choose(20 * GIB, -1, -1, -1);
        assertEquals(20 * GIB - 644_245_092L, s.budgetBytes(), "3% of 20 GiB (bytes / 100 * 3) is 614.4 MiB");
        assertEquals(4928 * MIB, s.heapBytes());
        assertEquals(s.budgetBytes(), s.ceilingBytes(), "heap and off-heap are one budget: what is free now");
        assertEquals("-Xmx4928m", option(s, "-Xmx"));
        assertEquals("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + s.budgetBytes(),
                option(s, "-Dorg.bytedeco.javacpp.maxphys"));
        assertTrue(s.describe().startsWith("heap 4,928 MiB (chosen) + off-heap 14,937 MiB = 19,865 MiB, from the "
                + "memory free at start 20,480 MiB less 614 MiB for the launcher's JVM"), s.describe());
        assertEquals("2", s.environment(true).get("MALLOC_ARENA_MAX"));
        assertTrue(s.environment(false).isEmpty(), "glibc's settings only on Linux");
    }

    @Test
    void theHeapIsAQuarterAtLeast512MibAndHalfOnANearlyFullMachine() {
        // Free memory -> (margin, heap): the margin is 256 MiB up to 8.5 GiB free, 3% above; the heap B/4, 512 MiB
        // from 1 to 2 GiB of budget, B/2 below 1 GiB, rounded down to 64 MiB.
        long[][] cases = {
            {600 * MIB, 256 * MIB, 128 * MIB},    // B = 344 MiB: B/2 = 172 -> 128
            {1280 * MIB, 256 * MIB, 512 * MIB},   // B = 1 GiB: 512 MiB
            {2 * GIB, 256 * MIB, 512 * MIB},      // B = 1,792 MiB: B/4 = 448 < 512
            {4 * GIB, 256 * MIB, 960 * MIB},      // B = 3,840 MiB: B/4 = 960
            {8 * GIB, 256 * MIB, 1984 * MIB},     // B = 7,936 MiB: B/4 = 1,984
            {16 * GIB, 515_396_073L, 3968 * MIB}, // 3%: B = 15,892.6 MiB, B/4 = 3,973 -> 3,968
            {200 * MIB, 100 * MIB, 64 * MIB},     // the margin never takes more than half; the heap at least 64 MiB
        };
        for (long[] c : cases) {
            MemorySplit s = MemorySplit.choose(c[0], -1, -1, -1);
            assertEquals(c[0] - c[1], s.budgetBytes(), "budget for " + c[0] / MIB + " MiB free");
            assertEquals(c[2], s.heapBytes(), "heap for " + c[0] / MIB + " MiB free: " + s.describe());
        }
    }

    @Test
    void aLowMemAvailableGivesASmallerSplitThatNeverPassesTheFreeMemory(@TempDir Path dir) throws IOException {
        // A fake machine with 24 GiB of RAM of which 1.5 GiB is free: the process ceiling is 1.5 GiB less the
        // launcher's 256 MiB, not the RAM, so a larger job is refused by the preflight check (or by JavaCPP) instead
        // of the process being killed.
        SystemMemoryTest.fakeRoot(dir, 24L << 20, 1536L << 10);
        MemorySplit s = MemorySplit.choose(new SystemMemory(dir).availableBytes(), -1, -1, -1);
        assertEquals(512 * MIB, s.heapBytes());
        assertEquals(1280 * MIB, s.ceilingBytes());
        assertEquals(768 * MIB, s.offHeapBytes());
    }

    @Test
    void aCgroupLimitOrASlurmJobBoundsTheBudget(@TempDir Path dir) throws IOException {
        SystemMemoryTest.fakeRoot(dir, 24L << 20, 20L << 20);
        Files.createDirectories(dir.resolve("sys/fs/cgroup"));
        Files.writeString(dir.resolve("sys/fs/cgroup/memory.max"), (6 * GIB) + "\n");
        Files.writeString(dir.resolve("sys/fs/cgroup/memory.current"), GIB + "\n");
        assertEquals(5 * GIB - 256 * MIB,
                MemorySplit.choose(new SystemMemory(dir).availableBytes(), -1, -1, -1).ceilingBytes());

        long job = MemorySplit.slurmJobBytes(Map.of("SLURM_MEM_PER_NODE", "16384"));
        assertEquals(16 * GIB, job);
        MemorySplit s = MemorySplit.choose(20 * GIB, job, -1, -1);
        assertEquals(16 * GIB - 515_396_073L, s.ceilingBytes(), "the job's memory less 3% for the launcher");
        assertTrue(s.describe().contains("Slurm job's memory 16,384 MiB less 491 MiB"), s.describe());
        assertEquals(16000 * MIB, MemorySplit.slurmJobBytes(Map.of("SLURM_MEM_PER_CPU", "4000",
                "SLURM_CPUS_ON_NODE", "4")));
        assertEquals(8 * GIB, MemorySplit.slurmJobBytes(Map.of("SLURM_MEM_PER_NODE", "8G")));
        assertEquals(-1, MemorySplit.slurmJobBytes(Map.of()));
        assertEquals(12 * GIB - 386_547_054L, MemorySplit.choose(12 * GIB, job, -1, -1).ceilingBytes(),
                "the node has less free");
    }

    @Test
    void anExplicitHeapIsRespected() {
        assertTrue(MemorySplit.sizesHeap(List.of("-Xss1m", "-Xmx3g")));
        assertTrue(MemorySplit.sizesHeap(List.of("-XX:MaxRAMPercentage=50")));
        assertFalse(MemorySplit.sizesHeap(List.of("-Xms1g", "-Dfoo=-Xmx1g")));
        MemorySplit s = MemorySplit.choose(20 * GIB, -1, 3 * GIB, -1);
        assertNull(option(s, "-Xmx"), "the user's -Xmx stays the only one");
        assertEquals(3 * GIB, s.heapBytes());
        assertEquals(s.budgetBytes(), s.ceilingBytes(), "and the off-heap gets the rest of the free memory");
        assertEquals(3 * GIB + 512 * MIB, MemorySplit.choose(2 * GIB, -1, 3 * GIB, -1).ceilingBytes(),
                "a given heap above the budget still starts, with 512 MiB beside it");
        assertTrue(s.describe().contains("heap 3,072 MiB (as given)"), s.describe());
    }

    @Test
    void anInitialHeapAboveTheChosenOneRaisesItSoThatJavaStarts() {
        List<String> opts = List.of("-Xms2g", "-XX:InitialHeapSize=6g", "-XX:MinHeapSize=1g", "-Dx=-Xms9g");
        assertEquals(6 * GIB, MemorySplit.initialHeap(opts));
        assertEquals(-1, MemorySplit.initialHeap(List.of("-Xmx3g")));
        MemorySplit raised = MemorySplit.choose(8 * GIB, -1, -1, 6 * GIB, -1);
        assertEquals("-Xmx6144m", option(raised, "-Xmx"), "the chosen 1,984 MiB would make Java refuse -Xms6g");
        assertEquals(8 * GIB - 256 * MIB, raised.ceilingBytes(), "the budget, which holds the heap and 512 MiB");
        assertEquals(7 * GIB + 512 * MIB, MemorySplit.choose(4 * GIB, -1, -1, 7 * GIB, -1).ceilingBytes(),
                "and when it does not, the ceiling is raised so that Java starts");
        assertTrue(raised.describe().contains("heap 6,144 MiB (raised to the initial heap given)"), raised.describe());
        MemorySplit kept = MemorySplit.choose(8 * GIB, -1, -1, GIB, -1);
        assertEquals("-Xmx1984m", option(kept, "-Xmx"), "a smaller initial heap changes nothing");
        assertEquals(2 * GIB + MIB, MemorySplit.choose(8 * GIB, -1, -1, 2 * GIB + 1000, -1).heapBytes(),
                "rounded up to a whole MiB, as -Xmx is written in MiB");
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
