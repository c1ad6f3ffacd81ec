package org.ntkexplorer.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutOfCoreCholeskyTest {
    @TempDir
    Path dir;

    /** A well-conditioned SPD matrix X·Xᵀ/d + 0.1·I, row-major. */
    private static double[] spd(int n, long seed) {
        Random r = new Random(seed);
        int d = 40;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += x[i * d + k] * x[j * d + k];
                }
                a[i * n + j] = s / d + (i == j ? 0.1 : 0);
            }
        }
        return a;
    }

    private static TileFile write(Path p, double[] a, int n, int tile) throws IOException {
        TileFile f = TileFile.create(p, n, tile);
        try (DoublePointer buf = new DoublePointer((long) tile * tile)) {
            for (int i = 0; i < f.tiles(); i++) {
                for (int j = 0; j <= i; j++) {
                    int ri = f.rows(i);
                    int rj = f.rows(j);
                    for (int r = 0; r < ri; r++) {
                        for (int c = 0; c < rj; c++) {
                            buf.put((long) r * rj + c, a[(i * tile + r) * n + j * tile + c]);
                        }
                    }
                    f.write(i, j, buf);
                }
            }
        }
        return f;
    }

    private double[] solveOutOfCore(double[] a, int n, int tile, double shift, double[] b, int cols, String name)
            throws IOException {
        try (TileFile af = write(dir.resolve(name + ".a"), a, n, tile);
             TileFile lf = TileFile.create(dir.resolve(name + ".l"), n, tile)) {
            OutOfCoreCholesky.factor(af, lf, shift, dir.resolve(name + ".progress"), (k, of) -> { });
            double[] x = b.clone();
            OutOfCoreCholesky.solve(lf, x, cols);
            return x;
        }
    }

    @Test
    void equalsTheInMemorySolveAtASizeThatFitsBothWays() throws IOException {
        int n = 700;
        int cols = 3;
        double[] a = spd(n, 1);
        double[] b = new double[n * cols];
        Random r = new Random(2);
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double shift = 0.05;
        double[] inMemory = a.clone();
        for (int i = 0; i < n; i++) {
            inMemory[i * n + i] += shift;
        }
        assertEquals(0, SymmetricLapack.choleskyInPlace(inMemory, n));
        double[] expected = b.clone();
        SymmetricLapack.choleskySolveInPlace(inMemory, n, expected, cols);
        // 128 does not divide 700: the last tile row is short.
        double[] got = solveOutOfCore(a, n, 128, shift, b, cols, "k");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-10 * scale, "entry " + i);
        }
    }

    @Test
    void aKilledFactorisationResumesFromItsLastColumnAndGivesTheSameFactor() throws IOException {
        int n = 500;
        int tile = 96;
        double[] a = spd(n, 3);
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1);
        double[] whole = solveOutOfCore(a, n, tile, 0.01, b, 1, "whole");
        Path progress = dir.resolve("cut.progress");
        try (TileFile af = write(dir.resolve("cut.a"), a, n, tile);
             TileFile lf = TileFile.create(dir.resolve("cut.l"), n, tile)) {
            RuntimeException killed = assertThrows(RuntimeException.class, () -> OutOfCoreCholesky.factor(af, lf, 0.01,
                    progress, (k, of) -> {
                        if (k == 2) {
                            throw new RuntimeException("killed");
                        }
                    }));
            assertEquals("killed", killed.getMessage());
            assertEquals(2, OutOfCoreCholesky.lastDone(progress, af.tiles()));
            int[] resumedFrom = {-1};
            OutOfCoreCholesky.factor(af, lf, 0.01, progress, (k, of) -> {
                if (resumedFrom[0] < 0) {
                    resumedFrom[0] = k;
                }
            });
            assertEquals(3, resumedFrom[0], "columns 0-2 are not computed again");
            double[] x = b.clone();
            OutOfCoreCholesky.solve(lf, x, 1);
            assertArrayEquals(whole, x, "bit for bit");
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteIsRefusedWithItsMinor() throws IOException {
        int n = 300;
        double[] a = spd(n, 4);
        for (int i = 0; i < n; i++) {
            a[i * n + i] -= 5; // eigenvalues of X·Xᵀ/40 for 300 points lie well below 5 for most directions
        }
        try (TileFile af = write(dir.resolve("bad.a"), a, n, 64);
             TileFile lf = TileFile.create(dir.resolve("bad.l"), n, 64)) {
            OutOfCoreCholesky.NotPositiveDefinite e = assertThrows(OutOfCoreCholesky.NotPositiveDefinite.class,
                    () -> OutOfCoreCholesky.factor(af, lf, 0, dir.resolve("bad.progress"), (k, of) -> { }));
            assertTrue(e.order() >= 1 && e.order() <= n, e.getMessage());
        }
    }

    @Test
    void aCutOrForeignFileIsRefusedByName() throws IOException {
        Path p = dir.resolve("x.tiles");
        TileFile.create(p, 200, 64).close();
        Files.write(p, java.util.Arrays.copyOf(Files.readAllBytes(p), 100));
        IOException cut = assertThrows(IOException.class, () -> TileFile.open(p));
        assertTrue(cut.getMessage() != null, cut.toString());
        assertTrue(cut.getMessage().contains("cut off") && cut.getMessage().contains("x.tiles"), cut.getMessage());
        Files.writeString(p, "not a kernel at all, just some text here");
        IOException foreign = assertThrows(IOException.class, () -> TileFile.open(p));
        assertTrue(foreign.getMessage().contains("bad header"), foreign.getMessage());
        // Tiles of 64, 64, 64 and 8 rows; the lower triangle holds ((Σr)² + Σr²)/2 values.
        assertEquals(24 + (200L * 200 + 3 * 64 * 64 + 8 * 8) / 2 * 8, TileFile.bytes(200, 64), "lower-triangle tiles only");
    }
}
