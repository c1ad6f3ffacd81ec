package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run --kernel-blocks from the command line: shards, merge, and the resume that solves the blocks. */
class KernelBlocksCommandTest {
    @TempDir
    Path dir;

    @Test
    void blockedShardsMergeAndTheResumeSolvesThem() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, """
                {"study": "scaling", "classes": [3, 7], "nGrid": [16, 32], "nTest": 40, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 1, "batchSize": 8, "learners": ["network", "nngp"]}""");
        for (int k = 0; k < 2; k++) {
            CliRun r = CliRun.of("run", spec.toString(), "--shard", k + "/2", "--out", dir.resolve("s" + k).toString(),
                    "--threads", "1", "--kernel-blocks", "2");
            assertEquals(0, r.code(), r.err());
            assertFalse(Files.readString(dir.resolve("s" + k + "/results.csv")).contains("nngp"));
        }
        CliRun merged = CliRun.of("merge", dir.resolve("s0").toString(), dir.resolve("s1").toString(), "--out",
                dir.resolve("m").toString());
        assertEquals(0, merged.code(), merged.err());
        assertTrue(merged.out().contains("still kernel blocks: run --resume " + dir.resolve("m")), merged.out());
        CliRun solved = CliRun.of("run", "--resume", dir.resolve("m").toString(), "--threads", "1");
        assertEquals(0, solved.code(), solved.err());
        List<String> rows = Files.readAllLines(dir.resolve("m/results.csv"));
        assertEquals(1 + 4, rows.size(), String.join("\n", rows));
        assertEquals(2, rows.stream().filter(l -> l.startsWith("nngp,")).count(), String.join("\n", rows));
    }

    @Test
    void impossibleKernelBlocksAreUsageErrors() throws Exception {
        CliRun zero = CliRun.of("run", "scaling-mlp-quick", "--kernel-blocks", "0", "--out", dir.resolve("x").toString());
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--kernel-blocks must be at least 1"), zero.err());
        assertFalse(Files.exists(dir.resolve("x")));

        Path spec = dir.resolve("no-infinite.json");
        Files.writeString(spec, """
                {"study": "scaling", "learners": ["network", "entk-init"]}""");
        CliRun none = CliRun.of("run", spec.toString(), "--kernel-blocks", "2", "--out", dir.resolve("y").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("this spec has neither"), none.err());
        assertFalse(Files.exists(dir.resolve("y")));

        CliRun resumed = CliRun.of("run", "--resume", dir.toString(), "--kernel-blocks", "2");
        assertEquals(2, resumed.code());
        assertTrue(resumed.err().contains("--kernel-blocks does not go with --resume"), resumed.err());
    }
}
