package org.ntkexplorer.core.kernel;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.linalg.TileFile;

/**
 * The infinite NTK and NNGP of an MLP written tile by tile into two {@link TileFile}s, for training sets whose
 * n×n kernel does not fit in memory. Both come from one pass of the recursion (a tile pair at a time), streamed
 * panel by panel straight into two native tile buffers. Diagonal tiles use the symmetric recursion, whose diagonal
 * takes each variance from the input's norm; off-diagonal tiles the cross recursion. The progress file records the
 * last finished tile row, so a killed build resumes there.
 */
public final class InfiniteKernelTiles {
    private final InfiniteMlpKernel kernel;

    public InfiniteKernelTiles(InfiniteMlpKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Fills {@code ntk} and {@code nngp} (n = x.rows(), same tile) with the kernels of the rows of {@code x}. Either
     * file may be null when only the other kernel is wanted (a resumed unit that lacks one learner's row).
     */
    public void build(INDArray x, TileFile ntk, TileFile nngp, Path progressFile, TaskMonitor monitor)
            throws IOException {
        TileFile shape = ntk != null ? ntk : nngp;
        if (shape == null || shape.n() != x.rows() || (ntk != null && nngp != null
                && (nngp.n() != ntk.n() || nngp.tile() != ntk.tile()))) {
            throw new IllegalArgumentException("kernel files of n " + (ntk == null ? "-" : ntk.n()) + " and "
                    + (nngp == null ? "-" : nngp.n()) + " for " + x.rows() + " examples");
        }
        int tiles = shape.tiles();
        int t = shape.tile();
        int first = TileFile.lastFinished(progressFile, tiles, "tile row") + 1;
        double pairs = tiles * (tiles + 1) / 2.0;
        try (DoublePointer ntkBuf = new DoublePointer((long) t * t);
             DoublePointer nngpBuf = new DoublePointer((long) t * t)) {
            for (int i = first; i < tiles; i++) {
                INDArray xi = rows(x, i, t, shape.rows(i));
                for (int j = 0; j <= i; j++) {
                    monitor.checkCancelled();
                    tile(xi, i == j ? null : rows(x, j, t, shape.rows(j)), ntkBuf, nngpBuf);
                    if (ntk != null) {
                        ntk.write(i, j, ntkBuf);
                    }
                    if (nngp != null) {
                        nngp.write(i, j, nngpBuf);
                    }
                    monitor.progress((i * (i + 1) / 2.0 + j + 1) / pairs, "infinite NTK and NNGP, tile row "
                            + (i + 1) + " of " + tiles);
                }
                if (ntk != null) {
                    ntk.force();
                }
                if (nngp != null) {
                    nngp.force();
                }
                TileFile.markFinished(progressFile, i);
            }
        }
    }

    /**
     * Tile (i, j) of both kernels, row-major, into the two buffers: the symmetric kernel of {@code xi} when
     * {@code xj} is null (its upper triangle mirrored), otherwise the cross kernel of the rows of xi against xj.
     */
    private void tile(INDArray xi, INDArray xj, DoublePointer ntkBuf, DoublePointer nngpBuf) {
        if (xj == null) {
            int r = xi.rows();
            kernel.stream(xi, null, (r0, rows, c0, cols, g, th) -> {
                for (int a = 0; a < rows; a++) {
                    int row = r0 + a;
                    for (int k = row - c0; k < cols; k++) {
                        int col = c0 + k;
                        nngpBuf.put((long) row * r + col, g[a * cols + k]);
                        nngpBuf.put((long) col * r + row, g[a * cols + k]);
                        ntkBuf.put((long) row * r + col, th[a * cols + k]);
                        ntkBuf.put((long) col * r + row, th[a * cols + k]);
                    }
                }
            }, null);
        } else {
            int c = xj.rows();
            kernel.stream(xj, xi, null, (r0, rows, c0, cols, g, th) -> {
                for (int a = 0; a < rows; a++) {
                    long at = (long) (r0 + a) * c + c0;
                    nngpBuf.position(at).put(g, a * cols, cols);
                    ntkBuf.position(at).put(th, a * cols, cols);
                }
                nngpBuf.position(0);
                ntkBuf.position(0);
            });
        }
    }

    /** The peak of {@link #build}: two native tiles and the recursion's panels over a tile's examples. */
    public static Footprint buildFootprint(int tile, int inputDim) {
        return Footprint.of("two kernel tiles of " + tile + "×" + tile, 2.0 * tile * tile * Double.BYTES, 0)
                .plus(InfiniteMlpKernel.streamFootprint(tile, tile, inputDim));
    }

    /** The test×train kernels (n_test×n), computed one column tile at a time. */
    public KernelPair cross(INDArray xTest, INDArray xTrain, int tile) {
        long n = xTrain.rows();
        INDArray ntk = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, xTest.rows(), n);
        INDArray nngp = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, xTest.rows(), n);
        for (long c0 = 0; c0 < n; c0 += tile) {
            long c1 = Math.min(n, c0 + tile);
            KernelPair p = kernel.cross(xTest, xTrain.get(NDArrayIndex.interval(c0, c1), NDArrayIndex.all()));
            ntk.get(NDArrayIndex.all(), NDArrayIndex.interval(c0, c1)).assign(p.ntk());
            nngp.get(NDArrayIndex.all(), NDArrayIndex.interval(c0, c1)).assign(p.nngp());
        }
        return new KernelPair(nngp, ntk);
    }

    private static INDArray rows(INDArray x, int tileRow, int tile, int count) {
        long r0 = (long) tileRow * tile;
        return x.get(NDArrayIndex.interval(r0, r0 + count), NDArrayIndex.all());
    }
}
