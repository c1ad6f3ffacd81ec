package org.ntkexplorer.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.Npz;

/** NaN and infinite inputs are refused when the data are opened, naming the file and the first bad example. */
class FiniteInputsTest {
    @TempDir
    Path dir;

    static Path npzWith(Path file, double bad, int badExample, boolean inTestPart) throws Exception {
        int n = 20;
        int d = 6;
        float[] x = new float[n * d];
        float[] xTest = new float[n * d];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (i + k) / 40f;
                xTest[i * d + k] = (i * k) / 200f;
            }
        }
        (inTestPart ? xTest : x)[badExample * d + 4] = (float) bad;
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("X", NpyArray.of(x, n, d));
        arrays.put("Y", NpyArray.of(y, n));
        arrays.put("Xt", NpyArray.of(xTest, n, d));
        arrays.put("Yt", NpyArray.of(y, n));
        Npz.write(file, arrays);
        return file;
    }

    @Test
    void npzWithNaNNamesFileArrayAndExample() throws Exception {
        Path f = npzWith(dir.resolve("nan.npz"), Double.NaN, 7, false);
        var e = assertThrows(DatasetException.class, () -> DatasetRegistry.open("npz:" + f));
        assertEquals(DatasetException.Problem.NON_FINITE, e.problem());
        assertTrue(e.getMessage().startsWith(f + ": 'X' holds NaN at example 7 (value 4"), e.getMessage());
    }

    @Test
    void infinityInTheTestPartIsFoundToo() throws Exception {
        Path f = npzWith(dir.resolve("inf.npz"), Double.NEGATIVE_INFINITY, 11, true);
        var e = assertThrows(DatasetException.class, () -> DatasetRegistry.open("npz:" + f + "?xtest=Xt&ytest=Yt"));
        assertTrue(e.getMessage().contains("'Xt' holds -Infinity at example 11"), e.getMessage());
    }

    @Test
    void generatedDataThatOverflowIsRefused() {
        // A mean at 1.7e308 / |g| with |g| < 1 overflows to infinity.
        var e = assertThrows(DatasetException.class,
                () -> DatasetRegistry.open("gaussian-mixture?d=1&separation=1.7e308&size=40"));
        assertEquals(DatasetException.Problem.NON_FINITE, e.problem());
        assertTrue(e.getMessage().contains("the generated inputs hold") && e.getMessage().contains("at example"),
                e.getMessage());
    }

    @Test
    void byteDataIsAlwaysFinite() throws Exception {
        // IDX and CIFAR hold uint8 values: nothing to refuse, and opening them stays as before.
        Path images = Fixtures.write(dir.resolve("i.idx"), Fixtures.idxImages(4, 2, 2));
        Path labels = Fixtures.write(dir.resolve("l.idx"), Fixtures.idxLabels(0, 1, 0, 1));
        assertEquals(4, DatasetRegistry.open("idx:" + images + "," + labels).train().size());
    }
}
