package org.ntkexplorer.core.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.CancelledException;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.kernel.InfiniteKernelTiles;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelBlocks;
import org.ntkexplorer.core.kernel.KernelPair;
import org.ntkexplorer.core.linalg.TileFile;
import org.ntkexplorer.core.model.Activation;

/** The out-of-core path (tiled kernels on disk, blocked Cholesky) against the in-memory one, where both fit. */
class OutOfCoreRidgeTest {
    @TempDir
    Path dir;

    @Test
    void tiledKernelsAndTheOutOfCoreSolvePredictAsTheInMemoryPath() throws Exception {
        Nd4j.getRandom().setSeed(7);
        int n = 600;
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, 30);
        INDArray xTest = Nd4j.randn(DataType.DOUBLE, 50, 30);
        INDArray y = Nd4j.randn(DataType.DOUBLE, n, 3);
        InfiniteMlpKernel k = new InfiniteMlpKernel(Activation.RELU, 2, Math.sqrt(2), 0.1);
        KernelBlocks dense = k.compute(x, xTest);
        InfiniteKernelTiles tiles = new InfiniteKernelTiles(k);
        try (TileFile ntk = TileFile.create(dir.resolve("ntk.tiles"), n, 128);
             TileFile nngp = TileFile.create(dir.resolve("nngp.tiles"), n, 128)) {
            tiles.build(x, ntk, nngp, dir.resolve("build.progress"), TaskMonitor.NONE);
            KernelPair cross = tiles.cross(xTest, x, 128);
            for (boolean isNtk : new boolean[] {true, false}) {
                KernelRidgeModel inMemory = KernelRidge.fit(isNtk ? dense.train().ntk() : dense.train().nngp(), y,
                        1e-3);
                KernelRidgeModel outOfCore = OutOfCoreRidge.fit(isNtk ? ntk : nngp, y, 1e-3, (c, of) -> { });
                INDArray expected = inMemory.predict(isNtk ? dense.testTrain().ntk() : dense.testTrain().nngp());
                INDArray got = outOfCore.predict(isNtk ? cross.ntk() : cross.nngp());
                double scale = expected.amaxNumber().doubleValue();
                assertEquals(0, got.sub(expected).amaxNumber().doubleValue() / scale, 1e-7, isNtk ? "ntk" : "nngp");
                assertEquals(inMemory.absoluteRidge(), outOfCore.absoluteRidge(), 1e-9 * inMemory.absoluteRidge());
            }
        }
    }

    @Test
    void aKilledBuildResumesAtItsLastTileRow() throws Exception {
        Nd4j.getRandom().setSeed(8);
        int n = 300;
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, 10);
        InfiniteKernelTiles tiles = new InfiniteKernelTiles(new InfiniteMlpKernel(Activation.RELU, 1, 1.4, 0.1));
        Path progress = dir.resolve("b.progress");
        AtomicInteger calls = new AtomicInteger();
        try (TileFile ntk = TileFile.create(dir.resolve("a.tiles"), n, 64);
             TileFile nngp = TileFile.create(dir.resolve("b.tiles"), n, 64)) {
            TaskMonitor killAfterSix = new TaskMonitor() {
                @Override
                public boolean isCancelled() {
                    return calls.incrementAndGet() > 6;
                }
            };
            assertThrows(CancelledException.class, () -> tiles.build(x, ntk, nngp, progress, killAfterSix));
            // Rows 0-2 (six tile pairs) were finished; row 3 was cut at its first tile.
            assertEquals("2", java.nio.file.Files.readString(progress));
            calls.set(-1000);
            tiles.build(x, ntk, nngp, progress, TaskMonitor.NONE);
            try (TileFile whole = TileFile.create(dir.resolve("w.tiles"), n, 64);
                 TileFile wholeNngp = TileFile.create(dir.resolve("wn.tiles"), n, 64)) {
                tiles.build(x, whole, wholeNngp, dir.resolve("w.progress"), TaskMonitor.NONE);
                assertEquals(-1L, java.nio.file.Files.mismatch(dir.resolve("a.tiles"), dir.resolve("w.tiles")));
            }
        }
    }
}
