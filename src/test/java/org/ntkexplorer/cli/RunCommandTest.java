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
        assertEquals(NtkCli.EXIT_USAGE, again.code(), "a folder that holds a run is a usage error, as in kernel");
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

    @Test
    void oneSeedPrintsNoIntervalAndFitsComeInLearnerOrder() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, """
                {"study": "scaling", "classes": [3, 7], "nGrid": [16, 32], "nTest": 40, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 1, "batchSize": 8, "learners": ["nngp", "network", "entk-init"]}""");
        CliRun r = CliRun.of("run", spec.toString(), "--out", dir.resolve("r").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        java.util.List<String> fits = r.out().lines().filter(l -> l.contains("alpha =")).toList();
        // A learner with zero test error at some n has no error fit; the order of the others is fixed.
        java.util.List<String> keys = fits.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        java.util.List<String> order = java.util.List.of("network/test_error", "network/test_mse",
                "entk-init/test_error", "entk-init/test_mse", "nngp/test_error", "nngp/test_mse");
        assertEquals(order.stream().filter(keys::contains).toList(), keys, r.out());
        assertTrue(keys.containsAll(java.util.List.of("network/test_mse", "entk-init/test_mse", "nngp/test_mse")),
                r.out());
        assertTrue(fits.stream().allMatch(l -> l.contains("no interval: needs ≥ 2 seeds per n")), r.out());
        assertTrue(!r.out().contains("[0.000, 0.000]"), r.out());
    }

    @Test
    void resumeWithASpecOrOutIsAUsageError() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"study\": \"scaling\"}");
        for (String[] args : new String[][] {{"run", "--resume", dir.toString(), spec.toString()},
            {"run", "--resume", dir.toString(), "--out", dir.resolve("o").toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(NtkCli.EXIT_USAGE, r.code(), r.err());
            assertTrue(r.err().contains("not both"), r.err());
        }
    }

    /** An empty --out used to write a whole run into the current directory. */
    @Test
    void emptyOutIsAUsageError() {
        CliRun r = CliRun.of("run", "scaling-mlp-quick", "--out", "");
        assertEquals(NtkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--out is empty"), r.err());
    }

    @Test
    void specErrorsAreInTheSpecAuthorsWords() throws Exception {
        Path nan = Files.writeString(dir.resolve("nan.json"), "{\"study\": \"scaling\", \"sigmaW\": NaN}");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"study\": \"scaling\",\n \"nGrid\": [1, 2");
        CliRun a = CliRun.of("run", nan.toString(), "--out", dir.resolve("a").toString());
        assertEquals(NtkCli.EXIT_USAGE, a.code());
        assertTrue(a.err().contains("line 1, column 35: NaN is not a number in JSON"), a.err());
        CliRun b = CliRun.of("run", broken.toString(), "--out", dir.resolve("b").toString());
        assertEquals(NtkCli.EXIT_USAGE, b.code());
        assertTrue(b.err().contains("the text ends before the list '[' opened at line 2"), b.err());
        for (CliRun r : new CliRun[] {a, b}) {
            assertTrue(!r.err().contains("JsonReadFeature") && !r.err().contains("Source"), r.err());
        }
    }

    /** The README's example used to need 500 test images per class of a sample that has 200. */
    @Test
    void aSpecTheDataCannotServeIsRefusedBeforeItsFolderExists() throws Exception {
        Path spec = Files.writeString(dir.resolve("s.json"), """
                {"study": "scaling", "classes": [0, 1], "nGrid": [64, 128], "nTest": 1000}""");
        CliRun r = CliRun.of("run", spec.toString(), "--out", dir.resolve("r").toString());
        assertEquals(NtkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("nTest = 1000 test examples over 2 classes need 500 of each class"), r.err());
        assertTrue(!Files.exists(dir.resolve("r")));
    }

    @Test
    void aSpecOfWidthOneBillionIsRefusedWithinSeconds() throws Exception {
        Path spec = Files.writeString(dir.resolve("s.json"), """
                {"study": "scaling", "classes": [0, 1], "nGrid": [64, 128], "nTest": 100, "width": 1000000000}""");
        long start = System.nanoTime();
        CliRun r = CliRun.of("run", spec.toString(), "--out", dir.resolve("r").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(NtkCli.EXIT_FAILURE, r.code(), r.err());
        assertTrue(seconds < 5, "refused after " + seconds + " s");
        assertTrue(r.err().contains("width 1000000000") && r.err().contains("GiB of memory"), r.err());
        assertTrue(!Files.exists(dir.resolve("r")));
    }
}
