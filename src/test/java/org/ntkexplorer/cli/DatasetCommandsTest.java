package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Sha256;


class DatasetCommandsTest {
    @TempDir
    Path dir;

    @Test
    void datasetsListsTheSampleWithItsShape() {
        CliRun r = CliRun.of("datasets");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fashion-mnist-sample"), r.out());
        assertTrue(r.out().contains("6000 train, 2000 test, example shape {1,28,28}, 10 classes"), r.out());
        assertTrue(r.out().contains("teacher-student") && r.out().contains("npz:FILE"), r.out());
    }

    @Test
    void describeCountsEveryClass() {
        CliRun r = CliRun.of("datasets", "--describe", "fashion-mnist-sample");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("0 T-shirt/top: 600") && r.out().contains("9 Ankle boot: 200"), r.out());
        assertTrue(r.out().contains("raw values 0..255"), r.out());
    }

    @Test
    void failuresAreOneLine() {
        // An unknown name is a usage error (2), as in a spec or a kernel job.
        CliRun r = CliRun.of("datasets", "--describe", "no-such-data");
        assertEquals(NtkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().startsWith("error: unknown dataset 'no-such-data'"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertEquals(NtkCli.EXIT_USAGE, CliRun.of("make-sample", "--per-class-train", "3").code());
    }

    @Test
    void makeSampleWritesABalancedReproducibleSubset() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(0, CliRun.of("make-sample", "--source", "fashion-mnist-sample", "--per-class-train", "5",
                "--per-class-test", "2", "--seed", "1", "--out", a.toString()).code());
        assertEquals(0, CliRun.of("make-sample", "--source", "fashion-mnist-sample", "--per-class-train", "5",
                "--per-class-test", "2", "--seed", "1", "--out", b.toString()).code());
        CliRun other = CliRun.of("make-sample", "--source", "fashion-mnist-sample", "--per-class-train", "5",
                "--per-class-test", "2", "--seed", "2", "--out", c.toString());
        assertEquals(0, other.code(), other.err());
        String images = "train-images-idx3-ubyte.gz";
        assertTrue(other.out().contains(Sha256.of(c.resolve(images))), other.out());
        assertEquals(Sha256.of(a.resolve(images)), Sha256.of(b.resolve(images)));
        assertNotEquals(Sha256.of(a.resolve(images)), Sha256.of(c.resolve(images)));
        assertTrue(Files.readString(a.resolve("README.md")).contains("--seed 1"));

        DatasetSource s = DatasetRegistry.open("idx:" + a.resolve(images) + "," + a.resolve("train-labels-idx1-ubyte.gz"));
        int[] perClass = new int[10];
        for (int i = 0; i < s.train().size(); i++) {
            perClass[s.train().label(i)]++;
        }
        assertEquals(50, s.train().size());
        for (int n : perClass) {
            assertEquals(5, n);
        }
    }

    /** make-sample used to drop the "Example runs" section that sample-data/README.md keeps about its runs. */
    @Test
    void makeSampleRewritesOnlyItsOwnSectionsOfTheReadme() throws IOException {
        Path out = Files.createDirectories(dir.resolve("sample"));
        String bundled = Files.readString(Path.of("sample-data/README.md"));
        String examples = bundled.substring(bundled.indexOf("## Example runs"));
        Files.writeString(out.resolve("README.md"), bundled + "\n## Notes\n\nKept too.\n");
        CliRun r = CliRun.of("make-sample", "--source", "fashion-mnist-sample", "--per-class-train", "3",
                "--per-class-test", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String now = Files.readString(out.resolve("README.md"));
        assertTrue(now.contains(examples.strip()), now);
        assertTrue(now.contains("## Notes\n\nKept too."), now);
        assertTrue(now.contains("--per-class-train 3"), "its own sections are rewritten");
        assertEquals(1, now.split("## SHA-256", -1).length - 1, "and not repeated");
        assertEquals(1, now.split("## Example runs", -1).length - 1, now);
    }

    @Test
    void makeSampleRefusesDataThatIsNotFashionMnist() {
        CliRun r = CliRun.of("make-sample", "--source", "gaussian-mixture?size=40", "--out", dir.resolve("g").toString());
        assertEquals(NtkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("not Fashion-MNIST") || r.err().contains("no separate test part"), r.err());
    }

    /** A stray label of 200 in an IDX file used to print a 1.8 kB list of empty classes. */
    @Test
    void emptyClassesAreCollapsed() {
        String line = DatasetsCommand.perClass(java.util.stream.IntStream.rangeClosed(0, 200)
                .mapToObj(Integer::toString).toList(), perClass());
        assertEquals("0: 5, 1: 5, 2: 0, 3: 5, 4–199: none, 200: 1", line);
    }

    private static int[] perClass() {
        int[] per = new int[201];
        per[0] = 5;
        per[1] = 5;
        per[3] = 5;
        per[200] = 1;
        return per;
    }
}
