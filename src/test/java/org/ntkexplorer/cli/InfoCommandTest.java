package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.compute.MemoryBudget;

/** info's memory figures are MemoryBudget's, the one account that refusals use and the README describes. */
class InfoCommandTest {
    private static long mib(String out, String key) {
        String line = out.lines().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(key.length()).strip().split(" ")[0].replace(",", ""));
    }

    @Test
    void memoryCeilingsAreOneAccount() throws Exception {
        CliRun r = CliRun.of("info");
        assertEquals(0, r.code(), r.err());
        assertEquals(MemoryBudget.ceilingBytes() >> 20, mib(r.out(), "memory.max"));
        assertEquals(MemoryBudget.heapMaxBytes() >> 20, mib(r.out(), "heap.max"));
        assertEquals(MemoryBudget.offHeapCeilingBytes() >> 20, mib(r.out(), "offheap.max"));
        assertEquals(mib(r.out(), "memory.max") - mib(r.out(), "heap.max"), mib(r.out(), "offheap.max"), 1);
        // JavaCPP's default physical ceiling is four times the maximum heap, as the README says.
        assertEquals(Math.min(4 * MemoryBudget.heapMaxBytes(), org.bytedeco.javacpp.Pointer.totalPhysicalBytes()),
                MemoryBudget.ceilingBytes());
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        assertTrue(readme.contains("four times the maximum heap"), "README states the ceiling");
    }
}
