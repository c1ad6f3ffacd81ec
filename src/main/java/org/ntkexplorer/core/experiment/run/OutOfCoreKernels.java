package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

import org.bytedeco.javacpp.Pointer;
import org.ntkexplorer.core.kernel.EmpiricalNtkFootprint;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.kernel.EmpiricalKernelTiles;
import org.ntkexplorer.core.kernel.InfiniteKernelTiles;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.linalg.SpdBuffer;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.linalg.TileFile;
import org.ntkexplorer.core.regression.KernelRidge;

/**
 * Whether the kernel learners (the infinite NTK and NNGP, and each eNTK) keep their n×n kernel in memory or on disk
 * (docs/science.md, §Kernel regression out of core), and what the disk path holds. The kernel goes to tile files in the run folder when the
 * in-memory peak does not fit the memory budget and the out-of-core one does; the system property
 * {@value #MODE_PROPERTY} ({@code auto}, {@code always}, {@code never}) overrides the choice and
 * {@value #TILE_PROPERTY} the tile side, so that tests can take the disk path at sizes that fit both ways.
 */
final class OutOfCoreKernels {
    static final String MODE_PROPERTY = "ntkexplorer.kernelOutOfCore";
    static final String TILE_PROPERTY = "ntkexplorer.kernelTile";
    /** Tile sides tried from the largest: larger tiles mean fewer, larger BLAS-3 products and fewer reads. */
    private static final int[] TILES = {2048, 1024, 512, 256};

    private OutOfCoreKernels() {
    }

    /**
     * The tile side to compute the infinite-width kernels out of core with, or 0 to keep them in memory, given what
     * else is {@code alive} at the same time.
     */
    static int choose(Footprint alive, int n, int nTest, int inputDim, int outputs, int kernels) {
        return choose(alive, n, KernelLearners.infiniteFootprint(n, nTest, inputDim, outputs, kernels),
                t -> footprint(n, nTest, inputDim, outputs, kernels, t));
    }

    /**
     * The tile side to compute an eNTK learner's kernel out of core with, or 0 to keep it in memory, given what else
     * is {@code alive}: as {@link #choose} for the infinite-width kernels.
     */
    static int chooseEmpirical(Footprint alive, NetworkSpec net, Precision precision, int n, int nTest, int outputs) {
        return choose(alive, n, KernelLearners.empiricalFootprint(net, precision, n, nTest, outputs),
                t -> empiricalFootprint(net, precision, n, nTest, outputs, t));
    }

    /** The mode's tile, or 0 for memory when {@code inMemory} fits, else the largest tile whose peak fits, else 0. */
    private static int choose(Footprint alive, int n, Footprint inMemory, IntFunction<Footprint> onDisk) {
        String mode = mode();
        Integer forced = Integer.getInteger(TILE_PROPERTY);
        if (!mode.equals("auto")) {
            return mode.equals("never") ? 0 : forced != null ? forced : Math.min(TILES[0], n);
        }
        if (!fits(alive)) {
            return 0; // refused whatever the kernels do; the refusal names what is alive
        }
        // Beyond maxExamples the in-memory path is refused by Preflight (one Java array per kernel in places).
        if (n <= InfiniteMlpKernel.maxExamples() && fits(alive.plus(inMemory))) {
            return 0;
        }
        for (int t : forced != null ? new int[] {forced} : TILES) {
            if (nativeFits(n, t) && fits(alive.plus(onDisk.apply(t)))) {
                return t;
            }
        }
        return 0;
    }

    /**
     * Peak of an eNTK learner out of core (docs/science.md, §Kernel regression out of core): the eNTK's test block
     * and work space as in memory ({@link EmpiricalNtkFootprint#ofLearner}), then the largest of the build (a tile row's
     * native strip, 8·t·n, and one tile), the blocked Cholesky, and the prediction (which casts the test block to
     * float64, 8·n_test·n), and regression's targets and coefficients.
     */
    static Footprint empiricalFootprint(NetworkSpec net, Precision precision, int n, int nTest, int outputs,
                                        int tile) {
        double t2 = (double) tile * tile * Double.BYTES;
        Footprint cholesky = Footprint.of("out-of-core Cholesky: one tile column of " + n + "×" + tile + " and two "
                + "tiles", (double) n * tile * Double.BYTES + 2 * t2, 0);
        Footprint build = Footprint.of("eNTK tile row of " + tile + "×" + n + " and one tile",
                EmpiricalKernelTiles.stripBytes(n, tile) + t2, 0);
        Footprint predict = Footprint.of("the prediction's float64 copy of the test block",
                (double) nTest * n * Double.BYTES, 0);
        return EmpiricalNtkFootprint.ofLearner(net, precision, n, nTest)
                .plus(Footprint.larger(Footprint.larger(build, cholesky), predict))
                .plus(KernelRidge.inPlaceFootprint(n, outputs));
    }

    /** Whether kernels may go out of core (not with -D{@value #MODE_PROPERTY}=never). */
    static boolean allowed() {
        return !mode().equals("never");
    }

    private static String mode() {
        String mode = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("always") && !mode.equals("never")) {
            throw new IllegalArgumentException("-D" + MODE_PROPERTY + " must be auto, always or never (got '"
                    + mode + "')");
        }
        return mode;
    }

    /**
     * Peak of the out-of-core learners (docs/science.md, §Kernel regression out of core): the test blocks
     * (kernels·8·n_test·n) and the panels that stream them, then the larger of the tiled build (two tiles and the
     * recursion's panels over a tile) and the blocked Cholesky (a tile column, 8·n·t, and two tiles), and
     * regression's targets and coefficients.
     */
    static Footprint footprint(int n, int nTest, int inputDim, int outputs, int kernels, int tile) {
        double t2 = (double) tile * tile * Double.BYTES;
        Footprint cholesky = Footprint.of("out-of-core Cholesky: one tile column of " + n + "×" + tile + " and two "
                + "tiles", (double) n * tile * Double.BYTES + 2 * t2, 0);
        Footprint build = InfiniteKernelTiles.buildFootprint(tile, inputDim)
                .plus(Footprint.of("recursion garbage between collections", GARBAGE_BYTES, 0));
        return Footprint.of("infinite-width " + nTest + "×" + n + " test block" + (kernels > 1 ? "s" : ""),
                        kernels * (double) nTest * n * Double.BYTES, 0)
                .plus(InfiniteMlpKernel.streamFootprint(n, nTest, inputDim))
                .plus(Footprint.larger(build, cholesky))
                .plus(KernelRidge.inPlaceFootprint(n, outputs));
    }

    /** Garbage the tiled build may leave between two collections (OutOfCoreLearners collects every few pairs). */
    static final double GARBAGE_BYTES = 512.0 * (1 << 20);

    /**
     * Tile pairs between collections: each leaves about three tiles' worth of ND4J arrays (the input Gram, the
     * squared norms and their copies) and as much on the heap.
     */
    static int pairsPerCollection(int tile) {
        return (int) Math.max(1, GARBAGE_BYTES / (3.0 * tile * tile * Double.BYTES));
    }

    /** Bytes on disk: each kernel's tile file, and one factor file at a time beside them. */
    static long diskBytes(int n, int tile, int kernels) {
        return (kernels + 1) * TileFile.bytes(n, tile);
    }

    /** The in-memory kernel's size, for the log line that says why the disk was chosen. */
    static String inMemorySize(int n) {
        return MemoryBudget.gib(SpdBuffer.bytes(n));
    }

    /** Refuses, before any tile is written, a job whose files cannot fit on the folder's disk. */
    static void requireDisk(Path dir, long needed, boolean resuming) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        // A resumed job's files already hold their full length (sparse), so only a fresh one can be judged.
        if (!resuming && free < needed) {
            throw new IOException("The out-of-core kernel needs " + MemoryBudget.gib(needed) + " on the disk of "
                    + dir + " and " + MemoryBudget.gib(free) + " is free; free some space or use fewer examples");
        }
    }

    /**
     * The native buffers of the Cholesky are JavaCPP allocations, which JavaCPP caps at its maxBytes (by default the
     * maximum heap) whatever the machine has free.
     */
    private static boolean nativeFits(int n, int tile) {
        long max = Pointer.maxBytes();
        double need = ((double) n * tile + 2.0 * tile * tile) * Double.BYTES;
        return max <= 0 || need <= 0.8 * (max - Pointer.totalBytes());
    }

    /**
     * The checks of {@link MemoryBudget#require} without its waits for the collector: a choice among five
     * candidates would otherwise take seconds when none fits, and the chosen one is then required in earnest.
     */
    private static boolean fits(Footprint f) {
        double offHeap = f.offHeapBytes();
        double heap = f.heapBytes();
        return offHeap <= MemoryBudget.availableBytes() && heap <= MemoryBudget.availableHeapBytes()
                && offHeap + Math.max(0, heap - Runtime.getRuntime().freeMemory())
                <= MemoryBudget.machineAvailableBytes();
    }
}
