package org.ntkexplorer.core.kernel;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Path;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.linalg.TileFile;

/**
 * The eNTK of a training set written to a {@link TileFile}, tile row by tile row, for kernel regression out of core
 * (docs/science.md, §Kernel regression out of core). A tile row is computed into one native strip of its rows
 * against every column up to its diagonal, then cut into tiles; the diagonal tile's upper half is made the mirror of
 * its lower half, which is what the factorisation reads. The progress file records each finished tile row, so a
 * killed build resumes after the last one.
 */
public final class EmpiricalKernelTiles {
    private final EmpiricalNtk ntk;

    public EmpiricalKernelTiles(EmpiricalNtk ntk) {
        this.ntk = ntk;
    }

    /** Bytes of the native strip of one tile row: tile × n in float64. */
    public static double stripBytes(int n, int tile) {
        return (double) tile * n * Double.BYTES;
    }

    public void build(INDArray x, TileFile file, Path progressFile, TaskMonitor monitor) throws IOException {
        if (file.n() != x.rows()) {
            throw new IllegalArgumentException("a kernel file of n " + file.n() + " for " + x.rows() + " examples");
        }
        int tiles = file.tiles();
        int t = file.tile();
        int n = file.n();
        int blockRows = ntk.stripBlockRows(t);
        int first = TileFile.lastFinished(progressFile, tiles, "tile row") + 1;
        try (DoublePointer strip = new DoublePointer((long) t * n);
             DoublePointer tileBuf = new DoublePointer((long) t * t)) {
            double[] row = new double[Math.max(t, blockRows)];
            for (int i = first; i < tiles; i++) {
                monitor.checkCancelled();
                int r0 = i * t;
                int rows = file.rows(i);
                int cols = r0 + rows;
                int tileRow = i;
                ntk.computeLowerStrip(x, r0, cols, blockRows, (a0, a1, c0, c1, block) -> {
                    // One float64 copy, closed here: 30 strips of copies left to the collector piled up off-heap.
                    INDArray d = block.dataType() == DataType.DOUBLE ? block.dup('c') : block.castTo(DataType.DOUBLE);
                    if (d.ordering() != 'c' || d.isView()) {
                        INDArray c = d.dup('c');
                        d.close();
                        d = c;
                    }
                    DoubleBuffer src = d.data().asNioDouble();
                    int width = c1 - c0;
                    for (int a = a0; a < a1; a++) {
                        src.get(row, 0, width);
                        strip.position((long) a * cols + c0).put(row, 0, width);
                    }
                    d.close();
                    monitor.progress(Math.min(1, (tileRow + (double) a1 / rows) / tiles),
                            "empirical NTK, tile row " + (tileRow + 1) + " of " + tiles);
                });
                for (int j = 0; j <= i; j++) {
                    int w = file.rows(j);
                    for (int a = 0; a < rows; a++) {
                        strip.position((long) a * cols + (long) j * t).get(row, 0, w);
                        tileBuf.position((long) a * w).put(row, 0, w);
                    }
                    // JavaCPP's indexed get and put count from the position.
                    tileBuf.position(0);
                    if (j == i) {
                        // Only the lower half of the diagonal tile was computed; its upper half mirrors it.
                        mirrorLower(tileBuf, w);
                    }
                    file.write(i, j, tileBuf);
                }
                file.force();
                TileFile.markFinished(progressFile, i);
            }
            strip.position(0);
        } finally {
            ntk.release();
        }
    }

    /** Sets the upper half of a w×w row-major tile to the mirror of its lower half. */
    private static void mirrorLower(DoublePointer tile, int w) {
        for (int a = 0; a < w; a++) {
            for (int b = a + 1; b < w; b++) {
                tile.put((long) a * w + b, tile.get((long) b * w + a));
            }
        }
    }
}
