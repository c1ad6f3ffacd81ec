package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
    @TempDir
    Path dir;

    @Test
    void shardsRunAndMergeFromTheCommandLine() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, """
                {"study": "scaling", "classes": [3, 7], "nGrid": [16, 32], "nTest": 40, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 1, "batchSize": 8, "learners": ["network", "nngp"]}""");
        for (int k = 0; k < 2; k++) {
            CliRun r = CliRun.of("run", spec.toString(), "--shard", k + "/2", "--out", dir.resolve("s" + k).toString(),
                    "--threads", "1");
            assertEquals(0, r.code(), r.err());
            assertEquals(1 + 1, Files.readAllLines(dir.resolve("s" + k + "/units.csv")).size(), "one unit each");
        }
        assertTrue(Files.readString(dir.resolve("s1/run.json")).contains("\"count\" : 2"));

        CliRun one = CliRun.of("merge", dir.resolve("s0").toString(), "--out", dir.resolve("m").toString());
        assertEquals(1, one.code());
        assertTrue(one.err().contains("n = 16, width 16, seed 0 (shard 1/2 was not given)"), one.err());
        assertFalse(Files.exists(dir.resolve("m")));

        CliRun partial = CliRun.of("merge", dir.resolve("s0").toString(), "--out", dir.resolve("p").toString(),
                "--partial");
        assertEquals(0, partial.code(), partial.err());
        assertTrue(partial.out().contains("missing 1 of 2 units") && partial.out().contains("n = 16, width 16, seed 0"),
                partial.out());

        CliRun both = CliRun.of("merge", dir.resolve("s0").toString(), dir.resolve("s1").toString(), "--out",
                dir.resolve("m").toString());
        assertEquals(0, both.code(), both.err());
        assertTrue(both.out().contains("merged 2 folders, 2 of 2 units") && both.out().contains("nngp/test_mse"),
                both.out());
        assertEquals(1 + 4, Files.readAllLines(dir.resolve("m/results.csv")).size());
    }

    @Test
    void impossibleShardsAreUsageErrors() throws Exception {
        CliRun r = CliRun.of("run", "scaling-mlp-quick", "--shard", "2/2", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("0 ≤ K < N"), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
        CliRun resumed = CliRun.of("run", "--resume", dir.toString(), "--shard", "0/2");
        assertEquals(2, resumed.code());
        assertTrue(resumed.err().contains("--shard does not go with --resume"), resumed.err());
        assertEquals(2, CliRun.of("merge", "--out", dir.resolve("m").toString()).code());
    }
}
