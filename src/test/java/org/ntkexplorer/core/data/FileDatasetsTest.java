package org.ntkexplorer.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.data.DatasetException.Problem;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.Npz;

/** Opening IDX, CIFAR-10 and .npz files, and every way a file can be wrong. */
class FileDatasetsTest {
    @TempDir
    Path dir;

    private DatasetException fails(Problem expected, Path named, String spec) {
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetRegistry.open(spec));
        assertEquals(expected, e.problem(), e.getMessage());
        if (named != null) {
            assertTrue(e.getMessage().contains(named.toString()), e.getMessage());
            assertEquals(named, e.path());
        }
        return e;
    }

    private static double[] example(ExampleArray a, int i) {
        double[] x = new double[a.exampleLength()];
        a.copyExample(i, x, 0);
        return x;
    }

    @Test
    void idxGzippedAndRawReadTheSame() throws IOException {
        byte[] images = Fixtures.idxImages(5, 4, 3);
        byte[] labels = Fixtures.idxLabels(0, 1, 2, 1, 0);
        Path gzI = Fixtures.write(dir.resolve("i.gz"), Fixtures.gzip(images));
        Path gzL = Fixtures.write(dir.resolve("l.gz"), Fixtures.gzip(labels));
        // Raw content under a .gz-less name and gzip content under a misleading name: detection is by content.
        Path rawI = Fixtures.write(dir.resolve("i.idx"), images);
        Path rawL = Fixtures.write(dir.resolve("l-really-gzip.idx"), Fixtures.gzip(labels));
        DatasetSource gz = DatasetRegistry.open("idx:" + gzI + "," + gzL);
        DatasetSource raw = DatasetRegistry.open("idx:" + rawI + "," + rawL);
        assertEquals(List.of("0", "1", "2"), gz.classNames());
        assertArrayEquals(new int[] {1, 4, 3}, raw.train().shape());
        assertEquals(5, raw.train().size());
        assertFalse(raw.test().isPresent());
        for (int i = 0; i < 5; i++) {
            assertEquals(gz.train().label(i), raw.train().label(i));
            assertArrayEquals(example(gz.train(), i), example(raw.train(), i));
        }
        double[] x = example(raw.train(), 4);
        assertEquals(28, x[0]);
        assertEquals(39, x[11]);
        assertEquals(255, raw.train().rawMax());
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path labels = Fixtures.write(dir.resolve("l"), Fixtures.idxLabels(0, 1));
        Path notImages = Fixtures.write(dir.resolve("i"), Fixtures.idxLabels(0, 1));
        DatasetException e = fails(Problem.WRONG_MAGIC, notImages, "idx:" + notImages + "," + labels);
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void truncatedRawAndGzippedFiles() throws IOException {
        byte[] images = Fixtures.idxImages(3, 2, 2);
        Path labels = Fixtures.write(dir.resolve("l"), Fixtures.idxLabels(0, 1, 0));
        Path cut = Fixtures.write(dir.resolve("cut"), Arrays.copyOf(images, images.length - 1));
        fails(Problem.TRUNCATED, cut, "idx:" + cut + "," + labels);
        byte[] gz = Fixtures.gzip(images);
        Path cutGz = Fixtures.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));
        fails(Problem.TRUNCATED, cutGz, "idx:" + cutGz + "," + labels);
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = Fixtures.write(dir.resolve("i"), Fixtures.idxImages(3, 2, 2));
        Path labels = Fixtures.write(dir.resolve("l"), Fixtures.idxLabels(0, 1));
        DatasetException e = fails(Problem.COUNT_MISMATCH, labels, "idx:" + images + "," + labels);
        assertTrue(e.getMessage().contains("3 images") && e.getMessage().contains("2 labels"), e.getMessage());
    }

    @Test
    void unreadablePath() {
        Path missing = dir.resolve("nope.gz");
        fails(Problem.UNREADABLE, missing, "idx:" + missing + "," + missing);
        fails(Problem.UNREADABLE, missing, "npz:" + missing);
        fails(Problem.UNREADABLE, missing, "cifar10:" + missing);
    }

    @Test
    void fashionMnistOutOfRangeLabelAndMissingInstall() throws IOException {
        Path fm = Fixtures.fashionLikeDir(Files.createDirectory(dir.resolve("fm")), 2, 1);
        Fixtures.write(fm.resolve(FashionMnist.TEST_LABELS), Fixtures.gzip(Fixtures.idxLabels(0, 1, 2, 3, 4, 5, 6, 7, 8, 10)));
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetRegistry.openInstalledFashionMnist("fashion-mnist", fm));
        assertEquals(Problem.LABEL_OUT_OF_RANGE, e.problem());
        assertTrue(e.getMessage().contains(fm.resolve(FashionMnist.TEST_LABELS).toString()) && e.getMessage().contains("10"));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        DatasetException missing = assertThrows(DatasetException.class,
                () -> DatasetRegistry.openInstalledFashionMnist("fashion-mnist", empty));
        assertEquals(Problem.NOT_INSTALLED, missing.problem());
        assertTrue(missing.getMessage().contains("apt-get install dataset-fashion-mnist"), missing.getMessage());
    }

    @Test
    void cifarRecordsAreParsedChannelsFirst() throws IOException {
        Path cifar = Files.createDirectory(dir.resolve("cifar"));
        Fixtures.write(cifar.resolve("data_batch_1.bin"), Fixtures.concat(Fixtures.cifarRecord(3, 0),
                Fixtures.cifarRecord(9, 100), Fixtures.cifarRecord(0, 200)));
        Fixtures.write(cifar.resolve("data_batch_2.bin"), Fixtures.cifarRecord(5, 50));
        Fixtures.write(cifar.resolve("test_batch.bin"), Fixtures.cifarRecord(1, 7));
        Files.writeString(cifar.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        DatasetSource s = DatasetRegistry.open("cifar10:" + cifar);
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), s.classNames());
        assertEquals(4, s.train().size());
        assertArrayEquals(new int[] {3, 32, 32}, s.train().shape());
        assertEquals(List.of(3, 9, 0, 5), List.of(s.train().label(0), s.train().label(1), s.train().label(2), s.train().label(3)));
        double[] x = example(s.train(), 1);
        assertEquals(100, x[0]);
        assertEquals(110, x[1024]);
        assertEquals((120 + 1023) % 256, x[3071]);
        assertEquals(50, example(s.train(), 3)[0]);
        assertEquals(1, s.test().orElseThrow().label(0));
    }

    @Test
    void cifarLabelOutOfRangeAndTruncatedBatch() throws IOException {
        Path bad = Files.createDirectory(dir.resolve("bad"));
        Path batch = Fixtures.write(bad.resolve("data_batch_1.bin"), Fixtures.concat(Fixtures.cifarRecord(2, 0), Fixtures.cifarRecord(10, 0)));
        fails(Problem.LABEL_OUT_OF_RANGE, batch, "cifar10:" + bad);
        Fixtures.write(batch, Arrays.copyOf(Fixtures.cifarRecord(2, 0), 3000));
        fails(Problem.TRUNCATED, batch, "cifar10:" + bad);
    }

    @Test
    void npzChannelsLastImagesComeOutChannelsFirst() throws IOException {
        int n = 2, h = 2, w = 3, c = 3;
        byte[] hwc = new byte[n * h * w * c];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        hwc[((i * h + y) * w + x) * c + ch] = (byte) (100 * ch + 10 * y + x + i);
                    }
                }
            }
        }
        Path file = dir.resolve("imgs.npz");
        Npz.write(file, Map.of("images", NpyArray.ofUint8(hwc, n, h, w, c), "labels", NpyArray.of(new long[] {1, 0}, 2)));
        DatasetSource s = DatasetRegistry.open("npz:" + file + "?x=images&y=labels");
        assertArrayEquals(new int[] {3, 2, 3}, s.train().shape());
        double[] chw = example(s.train(), 1);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(100 * ch + 10 * y + x + 1, chw[(ch * h + y) * w + x]);
                }
            }
        }
        assertEquals(1, s.train().label(0));
        assertEquals(255, s.train().rawMax());
        DatasetSource asChw = DatasetRegistry.open("npz:" + file + "?x=images&y=labels&layout=chw");
        assertArrayEquals(new int[] {2, 3, 3}, asChw.train().shape());
    }

    @Test
    void npzFloatVectorsAndLabelProblems() throws IOException {
        Path file = dir.resolve("v.npz");
        Npz.write(file, Map.of("X", NpyArray.of(new float[] {0, 2, 4, 8}, 2, 2), "Y", NpyArray.of(new int[] {0, 1}, 2)));
        DatasetSource s = DatasetRegistry.open("npz:" + file);
        assertArrayEquals(new int[] {2}, s.train().shape());
        assertEquals(8, s.train().rawMax());

        Path negative = dir.resolve("neg.npz");
        Npz.write(negative, Map.of("X", NpyArray.of(new float[] {0, 1}, 2, 1), "Y", NpyArray.of(new int[] {0, -1}, 2)));
        fails(Problem.LABEL_OUT_OF_RANGE, negative, "npz:" + negative);

        Path mismatch = dir.resolve("mm.npz");
        Npz.write(mismatch, Map.of("X", NpyArray.of(new float[] {0, 1, 2}, 3, 1), "Y", NpyArray.of(new int[] {0, 1}, 2)));
        fails(Problem.COUNT_MISMATCH, mismatch, "npz:" + mismatch);
        fails(Problem.BAD_SPEC, file, "npz:" + file + "?x=images");
    }

    @Test
    void corruptNpzIsTruncatedNamingTheFile() throws IOException {
        Path file = dir.resolve("v.npz");
        Npz.write(file, Map.of("X", NpyArray.of(new float[] {0, 2, 4, 8}, 2, 2), "Y", NpyArray.of(new int[] {0, 1}, 2)));
        byte[] all = Files.readAllBytes(file);
        Fixtures.write(file, Arrays.copyOf(all, all.length - 30));
        fails(Problem.TRUNCATED, file, "npz:" + file);
    }
}
