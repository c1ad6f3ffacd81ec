package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.io.Npy;

/**
 * {@code kernel --block K/N} and {@code merge}: three blocks assembled are the unsharded kernel folder byte for byte,
 * and a merge that lacks a block, has one twice or mixes specs is refused, naming the block and what to do.
 */
class KernelBlockCommandTest {
    @TempDir
    Path dir;

    /** n = 400 makes four tile rows of 128 (the last of 16), so three blocks of unequal heights. */
    private static final List<String> ENTK = List.of("kernel", "--dataset", "fashion-mnist-sample", "--classes", "0,1",
            "--n", "400", "--seed", "3", "--arch", "mlp", "--depth", "2", "--width", "32", "--kind", "empirical");
    private static final List<String> NTK = List.of("kernel", "--dataset", "fashion-mnist-sample", "--classes", "0,1,2",
            "--n", "400", "--seed", "1", "--depth", "2", "--kind", "infinite-ntk", "--dtype", "float64");

    private static CliRun kernel(List<String> base, Path out, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(more));
        args.addAll(List.of("--out", out.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    private List<Path> blocks(List<String> base, String name, int count) {
        List<Path> out = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            Path b = dir.resolve(name + "-block" + k);
            // One native thread for the blocks, two for the whole kernel: the bits must not depend on it.
            CliRun r = kernel(base, b, "--threads", "1", "--block", k + "/" + count);
            assertEquals(0, r.code(), r.err());
            out.add(b);
        }
        return out;
    }

    private static CliRun merge(List<Path> blocks, Path out) {
        List<String> args = new ArrayList<>(List.of("merge"));
        blocks.forEach(b -> args.add(b.toString()));
        args.addAll(List.of("--out", out.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertSameFolder(Path whole, Path merged) throws Exception {
        for (String f : List.of("kernel.npy", "inputs.npy", "labels.npy", "model.json")) {
            assertEquals(-1L, Files.mismatch(whole.resolve(f), merged.resolve(f)), f + " differs");
        }
        assertEquals(Files.exists(whole.resolve("params.npz")), Files.exists(merged.resolve("params.npz")));
        if (Files.exists(whole.resolve("params.npz"))) {
            assertEquals(-1L, Files.mismatch(whole.resolve("params.npz"), merged.resolve("params.npz")));
        }
        try (var s = Files.list(merged)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    @Test
    void threeEmpiricalBlocksMergeIntoTheUnshardedKernelBitForBit() throws Exception {
        CliRun whole = kernel(ENTK, dir.resolve("whole"), "--threads", "2");
        assertEquals(0, whole.code(), whole.err());
        CliRun m = merge(blocks(ENTK, "entk", 3), dir.resolve("merged"));
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("merged 3 blocks into the 400×400 kernel"), m.out());
        assertSameFolder(dir.resolve("whole"), dir.resolve("merged"));
        double[] k = Npy.read(dir.resolve("merged/kernel.npy")).toDoubles();
        assertEquals(400 * 400, k.length);
        for (int i = 0; i < 400; i++) {
            assertTrue(k[i * 400 + i] > 0, "diagonal " + i);
        }
    }

    @Test
    void threeInfiniteNtkBlocksMergeIntoTheUnshardedKernelBitForBit() throws Exception {
        CliRun whole = kernel(NTK, dir.resolve("whole"), "--threads", "2");
        assertEquals(0, whole.code(), whole.err());
        // Given in another order than 1, 2, 3: the merge orders them by block.
        List<Path> b = blocks(NTK, "ntk", 3);
        CliRun m = merge(List.of(b.get(2), b.get(0), b.get(1)), dir.resolve("merged"));
        assertEquals(0, m.code(), m.err());
        assertSameFolder(dir.resolve("whole"), dir.resolve("merged"));
    }

    @Test
    void mergeRefusesAMissingADuplicateOrAForeignBlock() throws Exception {
        List<Path> b = blocks(NTK, "ntk", 3);
        CliRun missing = merge(List.of(b.get(0), b.get(2)), dir.resolve("m1"));
        assertEquals(NtkCli.EXIT_FAILURE, missing.code());
        assertTrue(missing.err().contains("block 2/3 is missing") && missing.err().contains("--block 2/3"),
                missing.err());

        Path copy = dir.resolve("copy-of-2");
        Files.createDirectories(copy);
        try (var s = Files.list(b.get(1))) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        CliRun twice = merge(List.of(b.get(0), b.get(1), copy, b.get(2)), dir.resolve("m2"));
        assertEquals(NtkCli.EXIT_FAILURE, twice.code());
        assertTrue(twice.err().contains("block 2/3 is given twice") && twice.err().contains("once"), twice.err());

        Path other = dir.resolve("other-seed-3");
        List<String> seed2 = new ArrayList<>(NTK);
        seed2.set(seed2.indexOf("--seed") + 1, "2");
        assertEquals(0, kernel(seed2, other, "--block", "3/3").code());
        CliRun foreign = merge(List.of(b.get(0), b.get(1), other), dir.resolve("m3"));
        assertEquals(NtkCli.EXIT_FAILURE, foreign.code());
        assertTrue(foreign.err().contains("comes from another spec") && foreign.err().contains("seed"), foreign.err());

        Path ofFour = dir.resolve("of-four");
        assertEquals(0, kernel(NTK, ofFour, "--block", "3/4").code());
        CliRun counts = merge(List.of(b.get(0), b.get(1), ofFour), dir.resolve("m4"));
        assertEquals(NtkCli.EXIT_FAILURE, counts.code());
        assertTrue(counts.err().contains("block 3/4") && counts.err().contains("share N"), counts.err());
        for (String m : List.of("m1", "m2", "m3", "m4")) {
            assertFalse(Files.exists(dir.resolve(m).resolve("kernel.npy")), m + " wrote a kernel");
        }
    }

    @Test
    void badBlockValuesAreUsageErrors() {
        for (String bad : List.of("0/3", "4/3", "x", "2/0", "1/")) {
            CliRun r = kernel(NTK, dir.resolve("bad"), "--block", bad);
            assertEquals(NtkCli.EXIT_USAGE, r.code(), bad + ": " + r.err());
            assertTrue(r.err().startsWith("error: --block " + bad), r.err());
            assertTrue(r.err().contains("1 ≤ K ≤ N") || r.err().contains("expected K/N"), r.err());
        }
        // 200 examples are two tile rows (of 128 and 72): a third block would be empty.
        List<String> small = new ArrayList<>(NTK);
        small.set(small.indexOf("--n") + 1, "200");
        CliRun r = kernel(small, dir.resolve("bad"), "--block", "3/3");
        assertEquals(NtkCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("at most 2 blocks"), r.err());
        assertFalse(Files.exists(dir.resolve("bad")), "nothing written");
    }
}
