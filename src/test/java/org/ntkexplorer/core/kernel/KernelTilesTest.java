package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.compute.NativeParallel;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;

class KernelTilesTest {

    /** Blocks tile [0, n) with no gap or overlap, none empty, on tile boundaries, with similar numbers of tiles. */
    @Test
    void blocksPartitionTheRowsInBalancedTileRows() {
        for (int n : new int[] {16, 50, 80, 500, 4096, 16384, 60000}) {
            int tiles = KernelTiles.tileRows(n);
            int side = KernelTiles.tileSide(n);
            assertTrue(side >= 1 && side <= KernelTiles.MAX_TILE && (long) side * tiles >= n, "n " + n);
            for (int blocks = 1; blocks <= Math.min(tiles, 40); blocks++) {
                int start = 0;
                int most = 0;
                int least = Integer.MAX_VALUE;
                for (int k = 1; k <= blocks; k++) {
                    int[] t = KernelTiles.blockTileRows(n, k, blocks);
                    int[] r = KernelTiles.blockRows(n, k, blocks);
                    assertEquals(start, r[0], n + " " + k + "/" + blocks);
                    assertTrue(t[1] > t[0], "empty block " + k + "/" + blocks + " of n " + n);
                    int area = t[1] * (t[1] + 1) / 2 - t[0] * (t[0] + 1) / 2;
                    most = Math.max(most, area);
                    least = Math.min(least, area);
                    start = r[1];
                }
                assertEquals(n, start);
                // Balance: with many tile rows per block, no block has more than about 1.5 times another's tiles.
                if (tiles >= 8 * blocks) {
                    assertTrue(most <= 1.5 * least, "n " + n + ", " + blocks + " blocks: " + least + " to " + most);
                }
            }
        }
    }

    /**
     * Strips split by the work, not by threads: one Java and native thread and three Java threads on two native ones
     * give the same bits.
     */
    @Test
    void infiniteStripsDoNotDependOnTheThreadCount() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 300, 12).subi(0.5);
        InfiniteMlpKernel k = new InfiniteMlpKernel(Activation.RELU, 2, Math.sqrt(2), 0.1);
        int before = NativeParallel.threads();
        try {
            ComputeExecutor.setNativeThreads(1);
            INDArray one = KernelTiles.full(300, DataType.DOUBLE,
                    KernelTiles.infinite(k.withThreads(1), true, Precision.FLOAT64, x), TaskMonitor.NONE);
            ComputeExecutor.setNativeThreads(2);
            INDArray three = KernelTiles.full(300, DataType.DOUBLE,
                    KernelTiles.infinite(k.withThreads(3), true, Precision.FLOAT64, x), TaskMonitor.NONE);
            assertArrayEquals(one.data().asDouble(), three.data().asDouble());
        } finally {
            ComputeExecutor.setNativeThreads(before);
        }
    }

    /**
     * eNTK rows of a block, computed on one native thread, hold the whole kernel's bits (computed on two) on and left
     * of each tile row's diagonal tile, and zeros right of it: the tiles above the diagonal are not computed.
     */
    @Test
    void empiricalBlockRowsEqualTheWholeKernelAndSkipTheUpperTriangle() {
        int n = 300;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 20).subi(0.5);
        NtkNetwork net = NtkNetwork.create(new NetworkSpec(Architecture.MLP, 2, 16, Activation.RELU,
                Parameterization.NTK, Math.sqrt(2), 0.1, 3, new int[] {20}), 1, DataType.FLOAT,
                TrainingConfig.sgdMomentum(0.1, 64, 1));
        KernelTiles.Strips strips = KernelTiles.empirical(net, Precision.FLOAT32, x);
        int t = KernelTiles.tileSide(n);
        int before = NativeParallel.threads();
        try {
            ComputeExecutor.setNativeThreads(2);
            INDArray whole = strips.whole(DataType.FLOAT, TaskMonitor.NONE);
            ComputeExecutor.setNativeThreads(1);
            INDArray rows = strips.rows(t, n);
            for (int i = t; i < n; i++) {
                int diagonalEnd = Math.min(n, (i / t + 1) * t);
                for (int j = 0; j < n; j++) {
                    float got = rows.getFloat(i - t, j);
                    if (j < diagonalEnd) {
                        assertEquals(whole.getFloat(i, j), got, 0f, "row " + i + ", column " + j);
                    } else {
                        assertEquals(0f, got, 0f, "above the diagonal at " + i + ", " + j);
                    }
                }
            }
        } finally {
            ComputeExecutor.setNativeThreads(before);
        }
    }

    /**
     * The tiled kernel agrees with the one-piece recursion to rounding: the tiles left of the
     * diagonal come from the cross recursion, whose correlations near 1 differ from the symmetric one's in the 8th
     * digit at most.
     */
    @Test
    void tiledInfiniteKernelMatchesTheWholeRecursion() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 300, 12).subi(0.5);
        InfiniteMlpKernel k = new InfiniteMlpKernel(Activation.RELU, 2, Math.sqrt(2), 0.1);
        INDArray tiled = KernelTiles.full(300, DataType.DOUBLE, KernelTiles.infinite(k, true, Precision.FLOAT64, x),
                TaskMonitor.NONE);
        INDArray whole = k.train(x).ntk();
        double diff = tiled.sub(whole).amaxNumber().doubleValue() / whole.amaxNumber().doubleValue();
        assertTrue(diff < 1e-7, "relative difference " + diff);
    }
}
