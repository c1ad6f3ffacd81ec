package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit 2 for every usage error and impossible value, --help everywhere, messages in the product's words. */
class CliConventionsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"info", "datasets", "make-sample", "kernel", "bench", "run", "merge", "tune-lr"})
    void everySubcommandHasHelp(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: ntk-explorer " + command), r.out());
        assertEquals("", r.err());
    }

    @Test
    void impossibleValuesExitTwoWithTheReason() {
        String out = dir.resolve("k").toString();
        String[][] cases = {
            {"kernel", "--n", "0", "--out", out},
            {"kernel", "--width", "0", "--out", out},
            {"kernel", "--classes", "42", "--out", out},
            {"kernel", "--sigma-w", "NaN", "--out", out},
            {"kernel", "--depth", "0", "--out", out},
            {"run", "scaling-mlp-quick", "--threads", "0", "--out", dir.resolve("r").toString()},
            {"bench", "--threads", "0"},
            {"bench", "--mlp-n", "0"},
            {"bench", "--epochs", "0"},
        };
        String[] reasons = {"n must be at least 1", "width must be at least 1", "there is no class 42",
            "sigmaW must be a positive finite number (got NaN)", "depth must be at least 1",
            "--threads must be at least 1", "--threads must be at least 1", "--mlp-n must be at least 1",
            "--epochs must be at least 1"};
        for (int i = 0; i < cases.length; i++) {
            CliRun r = CliRun.of(cases[i]);
            assertEquals(NtkCli.EXIT_USAGE, r.code(), String.join(" ", cases[i]) + "\n" + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().contains(reasons[i]), r.err());
            assertFalse(r.err().contains("Usage:"), "a usage error names the problem, not the whole usage");
        }
        assertFalse(Files.exists(dir.resolve("k")) || Files.exists(dir.resolve("r")));
    }

    @Test
    void benchRefusesSizesThatCannotFit() {
        long start = System.nanoTime();
        CliRun r = CliRun.of("bench", "--kernel-n", "1000000");
        assertEquals(NtkCli.EXIT_FAILURE, r.code(), r.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 5);
        assertTrue(r.err().contains("The benchmarks") && r.err().contains("--kernel-n"), r.err());
    }

    @Test
    void everyProblemOfAKernelJobIsReportedAtOnce() {
        CliRun r = CliRun.of("kernel", "--n", "0", "--width", "0", "--sigma-w", "NaN", "--arch", "myrtle5", "--kind",
                "nngp", "--out", dir.resolve("k").toString());
        assertEquals(NtkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().startsWith("error: 4 problems:"), r.err());
        for (String p : new String[] {"n must be", "width must", "sigmaW", "MLPs only"}) {
            assertTrue(r.err().contains(p), r.err());
        }
    }

    @Test
    void fileProblemsAreSaidInWords() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun kernel = CliRun.of("kernel", "--n", "4", "--out", file.toString());
        assertEquals(NtkCli.EXIT_USAGE, kernel.code());
        assertTrue(kernel.err().contains(file + " is a file"), kernel.err());
        CliRun run = CliRun.of("run", "scaling-mlp-quick", "--out", file.toString());
        assertEquals(NtkCli.EXIT_USAGE, run.code());
        assertTrue(run.err().contains(file + " is a file"), run.err());
        CliRun spec = CliRun.of("run", dir.resolve("missing.json").toString(), "--out", dir.resolve("r").toString());
        assertEquals(NtkCli.EXIT_USAGE, spec.code());
        assertTrue(spec.err().contains("no such file, and no preset of that name"), spec.err());
    }

    @Test
    void failuresSayWhatHappenedNotTheExceptionsName() {
        assertEquals("no such file or folder: /x/y", Failures.describe(new java.nio.file.NoSuchFileException("/x/y")));
        assertEquals("/x is a file, not a folder", Failures.describe(new java.nio.file.NotDirectoryException("/x")));
        assertEquals("boom", Failures.describe(new java.util.concurrent.ExecutionException(
                new IllegalStateException("boom"))));
        assertTrue(Failures.describe(new RuntimeException("Allocation failed: [std::bad_alloc]"))
                .startsWith("ran out of memory"));
    }
}
