package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README promises that a spec gives the same numbers on the CPU backend whatever {@code --threads} says, so
 * a shard or a resume on another machine never mixes two sets of numbers. The sizes are chosen so that every
 * sum that is split (mini-batch gradients of 64 rows, forward passes and eNTK blocks over more than 128 rows)
 * is split into more than one part.
 */
@org.junit.jupiter.api.Tag("slow")
class ThreadCountReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void oneAndTwoThreadsWriteTheSameNumbers() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, """
                {"study": "scaling", "classes": [0, 1, 2], "nGrid": [64, 200], "nTest": 150, "seeds": 2,
                 "depth": 2, "width": 64, "steps": 30, "batchSize": 64, "learningRate": 0.01, "saveKernels": true,
                 "learners": ["network", "entk-init", "infinite-ntk"]}""");
        for (String threads : List.of("1", "2")) {
            // A process of its own for each: BLAS and OpenMP fix some of their thread counts when they load.
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), org.ntkexplorer.Launcher.class.getName(), "run", spec.toString(), "--out",
                    dir.resolve("t" + threads).toString(), "--threads", threads)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log" + threads).toFile()).start();
            assertEquals(0, p.waitFor(), () -> read(dir.resolve("log" + threads)));
        }
        assertEquals(withoutSeconds(dir.resolve("t1/results.csv")), withoutSeconds(dir.resolve("t2/results.csv")));
        for (String file : List.of("fits.json", "dynamics.csv", "spectra.csv")) {
            assertEquals(Files.readString(dir.resolve("t1").resolve(file)),
                    Files.readString(dir.resolve("t2").resolve(file)), file);
        }
        // The saved kernels are where the old per-thread splits showed: their last bits moved.
        try (var kernels = Files.list(dir.resolve("t1/kernels"))) {
            List<Path> files = kernels.toList();
            assertEquals(12, files.size(), files::toString);
            for (Path k : files) {
                assertEquals(-1L, Files.mismatch(k, dir.resolve("t2/kernels").resolve(k.getFileName())),
                        k.getFileName().toString());
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Wall time is the one column that may differ. */
    private static List<String> withoutSeconds(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int col = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(l -> {
            String[] f = l.split(",", -1);
            if (col >= 0 && col < f.length) {
                f[col] = "";
            }
            return String.join(",", f);
        }).toList();
    }
}
