package org.ntkexplorer.core.kernel;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.linalg.TileFile;

/**
 * The infinite NTK and NNGP of an MLP written tile by tile into two {@link TileFile}s, for training sets whose
 * n×n kernel does not fit in memory. Both come from one pass of the recursion (a tile pair at a time). Diagonal
 * tiles use the symmetric recursion, whose diagonal takes each variance from the input's norm; off-diagonal tiles
 * the cross recursion. The progress file records the last finished tile row, so a killed build resumes there.
 */
public final class InfiniteKernelTiles {
    private final InfiniteMlpKernel kernel;

    public InfiniteKernelTiles(InfiniteMlpKernel kernel) {
        this.kernel = kernel;
    }

    /** Fills {@code ntk} and {@code nngp} (n = x.rows(), same tile) with the kernels of the rows of {@code x}. */
    public void build(INDArray x, TileFile ntk, TileFile nngp, Path progressFile, TaskMonitor monitor)
            throws IOException {
        int tiles = ntk.tiles();
        int t = ntk.tile();
        if (ntk.n() != x.rows() || nngp.n() != ntk.n() || nngp.tile() != t) {
            throw new IllegalArgumentException("kernel files of n " + ntk.n() + " and " + nngp.n() + " for "
                    + x.rows() + " examples");
        }
        int first = TileFile.lastFinished(progressFile, tiles, "tile row") + 1;
        double pairs = tiles * (tiles + 1) / 2.0;
        try (DoublePointer buf = new DoublePointer((long) t * t)) {
            for (int i = first; i < tiles; i++) {
                INDArray xi = rows(x, i, t, ntk.rows(i));
                for (int j = 0; j <= i; j++) {
                    monitor.checkCancelled();
                    KernelPair p = i == j ? kernel.train(xi) : kernel.cross(xi, rows(x, j, t, ntk.rows(j)));
                    put(buf, p.ntk());
                    ntk.write(i, j, buf);
                    put(buf, p.nngp());
                    nngp.write(i, j, buf);
                    monitor.progress((i * (i + 1) / 2.0 + j + 1) / pairs, "infinite NTK and NNGP, tile row "
                            + (i + 1) + " of " + tiles);
                }
                ntk.force();
                nngp.force();
                TileFile.markFinished(progressFile, i);
            }
        }
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

    private static void put(DoublePointer buf, INDArray block) {
        double[] v = block.dup('c').data().asDouble();
        buf.position(0).put(v);
    }

}
