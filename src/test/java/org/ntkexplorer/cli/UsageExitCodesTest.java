package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit 2 for every usage error and impossible value, 1 for a failure of the data, the memory or the run, for each
 * subcommand; and the message names the problem the user made, not a consequence of it.
 */
class UsageExitCodesTest {
    @TempDir
    static Path dir;
    private static String emptyIdx;
    private static String truncatedIdx;
    private static String spec;
    private static String bogusDataset;
    private static String nonEmpty;
    private static String notARun;

    @BeforeAll
    static void files() throws IOException {
        emptyIdx = "idx:" + idx("e-img", 0x803, 0, 28, 28) + "," + idx("e-lab", 0x801, 0);
        truncatedIdx = "idx:" + idx("t-img", 0x803, 5, 28, 28) + "," + idx("t-lab", 0x801, 5);
        spec = Files.writeString(dir.resolve("spec.json"), """
                {"study": "scaling", "classes": [0, 1], "nGrid": [20, 40], "nTest": 30, "seeds": 1, "depth": 1,
                 "width": 16, "steps": 4, "batchSize": 10, "learners": ["network"]}""").toString();
        bogusDataset = Files.writeString(dir.resolve("bogus.json"),
                "{\"study\": \"scaling\", \"dataset\": \"bogus\"}").toString();
        Path full = Files.createDirectories(dir.resolve("non-empty"));
        Files.writeString(full.resolve("x"), "x");
        nonEmpty = full.toString();
        notARun = Files.createDirectories(dir.resolve("not-a-run")).toString();
    }

    /** An IDX header announcing {@code dims}, with no data after it. */
    private static Path idx(String name, int magic, int... dims) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(p); DataOutputStream d = new DataOutputStream(o)) {
            d.writeInt(magic);
            for (int v : dims) {
                d.writeInt(v);
            }
        }
        return p;
    }

    private record Case(int code, String says, String... args) {
    }

    private static List<Case> cases() {
        String out = dir.resolve("new").toString();
        List<Case> c = new ArrayList<>();
        // Unknown options are named, even when a required option is missing too.
        for (String command : List.of("info", "datasets", "make-sample", "kernel", "bench", "run", "merge",
                "tune-lr")) {
            c.add(new Case(2, "Unknown option: '--bogus'", command, "--bogus"));
        }
        c.add(new Case(2, "Unknown option: '--bogus'", "tune-lr", spec, "--bogus"));
        // Unknown dataset names, wherever they are given.
        c.add(new Case(2, "unknown dataset 'bogus'", "datasets", "--describe", "bogus"));
        c.add(new Case(2, "unknown dataset 'bogus'", "make-sample", "--source", "bogus", "--out", out));
        c.add(new Case(2, "unknown dataset 'bogus'", "kernel", "--dataset", "bogus", "--out", out));
        c.add(new Case(2, "unknown dataset 'bogus'", "run", bogusDataset, "--out", out));
        c.add(new Case(2, "unknown dataset 'bogus'", "tune-lr", bogusDataset, "--rates", "0.1"));
        // Impossible values and folders.
        c.add(new Case(2, "--per-class-train must be", "make-sample", "--per-class-train", "0", "--out", out));
        c.add(new Case(2, "make-sample needs one", "make-sample", "--source", "gaussian-mixture?size=40", "--out", out));
        c.add(new Case(2, "--threads must be at least 1", "bench", "--threads", "0"));
        c.add(new Case(2, "is not empty", "run", spec, "--out", nonEmpty));
        c.add(new Case(2, "is not a run folder", "run", "--resume", notARun));
        c.add(new Case(2, "is not empty", "merge", notARun, "--out", nonEmpty));
        c.add(new Case(2, "is not a run folder", "merge", notARun, "--out", out));
        c.add(new Case(2, "n = 100000 training", "tune-lr", spec, "--rates", "0.1", "--n", "100000"));
        c.add(new Case(2, "validation = 5000 held-out examples", "tune-lr", spec, "--rates", "0.1", "--validation",
                "5000"));
        c.add(new Case(2, "must be at least 1", "tune-lr", spec, "--rates", "0.1", "--seeds", "0"));
        // Failures of the data and of the memory.
        c.add(new Case(1, "holds no examples", "datasets", "--describe", emptyIdx));
        c.add(new Case(1, "holds no examples", "kernel", "--dataset", emptyIdx, "--out", out));
        c.add(new Case(1, "truncated", "kernel", "--dataset", truncatedIdx, "--out", out));
        c.add(new Case(1, "GiB of memory", "bench", "--kernel-n", "1000000"));
        return c;
    }

    @Test
    void everySubcommandExitsTwoForUsageErrorsAndOneForFailures() {
        List<String> wrong = new ArrayList<>();
        for (Case k : cases()) {
            CliRun r = CliRun.of(k.args());
            if (r.code() != k.code() || !r.err().contains(k.says())) {
                wrong.add(String.join(" ", k.args()) + " -> exit " + r.code() + " (expected " + k.code() + ", saying '"
                        + k.says() + "'): " + r.err().strip());
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
        assertFalse(Files.exists(dir.resolve("new")), "a refused command creates nothing");
    }

    @Test
    void tuningSpeaksOfItsOwnOptionsAndOfTheTrainingPart() {
        CliRun validation = CliRun.of("tune-lr", spec, "--rates", "0.1", "--validation", "5000");
        assertFalse(validation.err().contains("nGrid") || validation.err().contains("nTest"), validation.err());
        CliRun n = CliRun.of("tune-lr", spec, "--rates", "0.1", "--n", "100000");
        // datasets --describe lists the sample's 2,000 test images: the sweep leaves them out, they are not missing.
        assertFalse(n.err().contains("has no separate test part"), n.err());
        assertTrue(n.err().contains("the training part of fashion-mnist-sample"), n.err());
    }
}
