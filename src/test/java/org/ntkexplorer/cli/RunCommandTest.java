package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsASpecFileAndPrintsTheFits() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, """
                {"study": "scaling", "classes": [3, 7], "nGrid": [16, 32], "nTest": 40, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 1, "batchSize": 8, "learners": ["network", "nngp"]}""");
        CliRun r = CliRun.of("run", spec.toString(), "--out", dir.resolve("r").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("nngp/test_mse") && r.out().contains("alpha ="), r.out());
        assertTrue(Files.exists(dir.resolve("r/results.csv")) && Files.exists(dir.resolve("r/fits.json")));
        CliRun again = CliRun.of("run", spec.toString(), "--out", dir.resolve("r").toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("--resume"), again.err());
        CliRun resumed = CliRun.of("run", "--resume", dir.resolve("r").toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(5, Files.readAllLines(dir.resolve("r/results.csv")).size(), "nothing run twice");
    }

    @Test
    void badSpecIsAUsageErrorListingEveryProblem() throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, "{\"study\": \"scaling\", \"widht\": 3, \"epochs\": -1}");
        CliRun r = CliRun.of("run", spec.toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("widht") && r.err().contains("epochs"), r.err());
        assertTrue(!Files.exists(dir.resolve("b")), "no folder for a spec that cannot run");
    }

    @Test
    void presetsAreListed() {
        CliRun r = CliRun.of("run", "--list-presets");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("scaling-mlp-quick") && r.out().contains("dynamics-myrtle-full"), r.out());
    }
}
