package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.linalg.TileFile;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;

/** The eNTK written to a tile file holds the dense eNTK, and a build stopped after some tile rows resumes to it. */
class EmpiricalKernelTilesTest {
    @TempDir
    Path dir;

    private static NtkNetwork net(DataType type) {
        return NtkNetwork.create(new NetworkSpec(Architecture.MLP, 2, 24, Activation.RELU, Parameterization.NTK,
                Math.sqrt(2), 0.1, 3, new int[] {10}), 4, type, TrainingConfig.sgdMomentum(0.1, 64, 1));
    }

    /** Every tile of the lower triangle against the dense kernel; diagonal tiles whole (their upper half mirrored). */
    private static double maxRelativeDifference(TileFile f, INDArray dense) throws Exception {
        double scale = dense.maxNumber().doubleValue();
        double worst = 0;
        try (DoublePointer tile = new DoublePointer((long) f.tile() * f.tile())) {
            for (int i = 0; i < f.tiles(); i++) {
                for (int j = 0; j <= i; j++) {
                    f.read(i, j, tile);
                    int w = f.rows(j);
                    for (int a = 0; a < f.rows(i); a++) {
                        for (int b = 0; b < w; b++) {
                            double want = dense.getDouble((long) i * f.tile() + a, (long) j * f.tile() + b);
                            worst = Math.max(worst, Math.abs(tile.get((long) a * w + b) - want) / scale);
                        }
                    }
                }
            }
        }
        return worst;
    }

    /**
     * Tiles of 32: five tile rows, the last of 22 rows. Blocks of 0 (chosen: one block per tile) and of 8 rows (four
     * per tile, so the blocks right of the diagonal inside a diagonal tile are never computed and its upper half is
     * the mirror; the strip is reused, so they would hold the previous tile row's values); 12 does not divide 32 and
     * gives blocks of 8.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 8, 12})
    void theTilesHoldTheDenseKernel(int blockRows) throws Exception {
        int n = 150;
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, 10).subi(0.5);
        NtkNetwork net = net(DataType.DOUBLE);
        INDArray dense = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        EmpiricalNtk ntk = EmpiricalNtk.of(net, Precision.FLOAT64, blockRows, TaskMonitor.NONE);
        assertEquals(blockRows == 0 ? 32 : 8, ntk.stripBlockRows(32));
        try (TileFile f = TileFile.create(dir.resolve("k.tiles"), n, 32)) {
            new EmpiricalKernelTiles(ntk).build(x, f, dir.resolve("k.progress"), TaskMonitor.NONE);
            double worst = maxRelativeDifference(f, dense);
            assertTrue(worst < 1e-13, "largest difference " + worst + " of the kernel's largest entry");
        }
    }

    /** A float32 network: the blocks are cast once, and the tiles hold the float32 kernel's values. */
    @Test
    void aFloat32KernelIsWrittenInFloat64() throws Exception {
        int n = 100;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 10).subi(0.5);
        NtkNetwork net = net(DataType.FLOAT);
        INDArray dense = EmpiricalNtk.of(net, Precision.FLOAT32).compute(x).castTo(DataType.DOUBLE);
        try (TileFile f = TileFile.create(dir.resolve("f.tiles"), n, 32)) {
            new EmpiricalKernelTiles(EmpiricalNtk.of(net, Precision.FLOAT32, 8, TaskMonitor.NONE))
                    .build(x, f, dir.resolve("f.progress"), TaskMonitor.NONE);
            double worst = maxRelativeDifference(f, dense);
            assertTrue(worst < 1e-6, "largest difference " + worst + " of the kernel's largest entry");
        }
    }

    @Test
    void aBuildStoppedAfterTwoTileRowsResumesToTheSameTiles() throws Exception {
        int n = 150;
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, 10).subi(0.5);
        NtkNetwork net = net(DataType.DOUBLE);
        Path progress = dir.resolve("k.progress");
        TaskMonitor stopAtRowThree = new TaskMonitor() {
            @Override
            public void progress(double fraction, String stage) {
                if (stage.contains("tile row 3 of 5")) {
                    throw new IllegalStateException("stopped");
                }
            }
        };
        try (TileFile f = TileFile.create(dir.resolve("k.tiles"), n, 32)) {
            try {
                new EmpiricalKernelTiles(EmpiricalNtk.of(net, Precision.FLOAT64, 0, TaskMonitor.NONE))
                        .build(x, f, progress, stopAtRowThree);
            } catch (IllegalStateException expected) {
                // the kill
            }
        }
        assertEquals(1, TileFile.lastFinished(progress, 5, "tile row"));
        String[] seen = {""};
        try (TileFile f = TileFile.open(dir.resolve("k.tiles"))) {
            new EmpiricalKernelTiles(EmpiricalNtk.of(net, Precision.FLOAT64, 0, TaskMonitor.NONE))
                    .build(x, f, progress, new TaskMonitor() {
                        @Override
                        public void progress(double fraction, String stage) {
                            seen[0] += stage + "\n";
                        }
                    });
            assertTrue(!seen[0].contains("tile row 1 of 5") && seen[0].contains("tile row 3 of 5"), seen[0]);
            assertTrue(maxRelativeDifference(f, EmpiricalNtk.of(net, Precision.FLOAT64).compute(x)) < 1e-13);
        }
    }
}
