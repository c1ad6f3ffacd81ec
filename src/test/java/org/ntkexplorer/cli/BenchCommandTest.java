package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void onlyRunsTheNamedLines() {
        CliRun r = CliRun.of("bench", "--only", "gemm", "--gemm-size", "64", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("GEMM float32 64x64x64:"), r.out());
        assertFalse(r.out().contains("eNTK") || r.out().contains("epoch") || r.out().contains("cancel"), r.out());
    }

    @Test
    void unknownNamesAreAUsageError() {
        CliRun r = CliRun.of("bench", "--only", "gemm,warp-drive");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("warp-drive") && r.err().contains("myrtle-train"), r.err());
    }
}
