package org.ntkexplorer.core.kernel;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.InsufficientMemoryException;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.compute.NativeParallel;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.linalg.SpdBuffer;
import org.ntkexplorer.core.model.NtkNetwork;

/**
 * The exact empirical NTK K(x, x') = (1/C) Σ_c ⟨∂f_c(x)/∂θ, ∂f_c(x')/∂θ⟩ of a network at one moment
 * (docs/science.md, §Empirical NTK and §Computing the eNTK), computed from per-layer factors in blocks of
 * rows. Features of all blocks are kept when they fit in a share of free memory; otherwise the column blocks
 * are recomputed.
 */
public final class EmpiricalNtk {
    /** Share of available memory the cached features may take. */
    private static final double FEATURE_SHARE = 0.4;
    static final int MIN_BLOCK_ROWS = 64;
    /** Most rows of a block in {@link #computeInto}: two blocks of an MLP of width 512 take 0.2 GB of features. */
    static final int SINK_BLOCK_ROWS = 2048;
    /** Recomputed features and block products allocated between two collections when features are not cached. */
    private static final long GC_BYTES = 256L << 20;

    private final NetworkSnapshot snapshot;
    private final FeatureExtractor extractor;
    private final TaskMonitor monitor;
    private final int blockRows;
    private double flops;

    private EmpiricalNtk(NetworkSnapshot snapshot, TaskMonitor monitor, int blockRows, long chunkBytes) {
        this.snapshot = snapshot;
        this.extractor = new FeatureExtractor(snapshot, chunkBytes);
        this.monitor = monitor;
        this.blockRows = blockRows;
    }

    /** @param blockRows rows per block, or 0 to choose from the memory available */
    public static EmpiricalNtk of(NtkNetwork net, Precision precision, int blockRows, TaskMonitor monitor) {
        return new EmpiricalNtk(NetworkSnapshot.of(net, precision), monitor, blockRows,
                FeatureExtractor.DEFAULT_CHUNK_BYTES);
    }

    /** As {@link #of(NtkNetwork, Precision, int, TaskMonitor)} with conv chunks limited to {@code chunkBytes}. */
    static EmpiricalNtk withChunkBytes(NtkNetwork net, Precision precision, int blockRows, long chunkBytes) {
        return new EmpiricalNtk(NetworkSnapshot.of(net, precision), TaskMonitor.NONE, blockRows, chunkBytes);
    }

    int chunkRows() {
        return extractor.chunkRows();
    }

    public static EmpiricalNtk of(NtkNetwork net, Precision precision) {
        return of(net, precision, 0, TaskMonitor.NONE);
    }

    /** n×n kernel of the rows of {@code x}. */
    public INDArray compute(INDArray x) {
        return compute(x, null);
    }

    /** n1×n2 kernel between the rows of {@code x1} and of {@code x2} (x2 null: x1 with itself, symmetric). */
    public INDArray compute(INDArray x1, INDArray x2) {
        return compute(x1, x2, -1);
    }

    /**
     * Rows [r0, r1) of the symmetric kernel of the rows of {@code x} against its columns [0, r1), only the blocks on
     * or left of the diagonal block of each row block: the rest is zero. r0 must be a multiple of the block rows, so
     * that every block is the one {@link #compute(INDArray)} gives there, to the bit.
     */
    public INDArray computeLowerRows(INDArray x, int r0, int r1) {
        if (blockRows <= 0 || r0 % blockRows != 0) {
            throw new IllegalArgumentException("rows from " + r0 + " with blocks of " + blockRows + " rows");
        }
        // A copy of the rows: a row range of a view of a view came out as a scalar in ND4J (KernelTilesTest).
        return compute(x.get(interval(r0, r1), all()).dup('c'), x.get(interval(0, r1), all()), r0);
    }

    private INDArray compute(INDArray x1, INDArray x2, int lowerFrom) {
        boolean symmetric = x2 == null;
        int n1 = (int) x1.rows();
        int n2 = symmetric ? n1 : (int) x2.rows();
        long perExample = extractor.featureBytesPerExample();
        long kernelBytes = (long) n1 * n2 * snapshot.dataType().width();
        // Ask for room for the kernel and all cached features, so a GC runs when stale arrays hold memory.
        long available = MemoryBudget.availableBytes(kernelBytes + (long) (n1 + n2) * perExample);
        int rows = blockRows > 0 ? blockRows : chooseBlockRows(perExample, Math.max(0, available - kernelBytes));
        long needed = estimateBytes(perExample, n1, n2, rows, snapshot.dataType().width());
        if (needed > available) {
            throw new InsufficientMemoryException("The empirical NTK of " + n1 + "×" + n2 + " examples ("
                    + (snapshot.dataType() == DataType.FLOAT ? "float32" : "float64") + ")", needed, available,
                    "Use fewer examples, float32 instead of float64, or give Java more memory (-Xmx).");
        }
        boolean cacheColumns = (long) n2 * perExample <= FEATURE_SHARE * Math.max(0, available - kernelBytes);
        // Zeros where the lower rows skip blocks, so that nothing undefined is left in them.
        INDArray k = lowerFrom >= 0 ? Nd4j.create(snapshot.dataType(), n1, n2)
                : Nd4j.createUninitialized(snapshot.dataType(), n1, n2);
        try {
            compute(x1, x2, lowerFrom, rows, cacheColumns, (r, c, block) -> {
                k.get(interval(r[0], r[1]), interval(c[0], c[1])).assign(block);
                if (symmetric && c[0] != r[0]) {
                    k.get(interval(c[0], c[1]), interval(r[0], r[1])).assign(block.transpose());
                }
            });
        } finally {
            extractor.release();
        }
        return k;
    }

    /**
     * The symmetric n×n kernel of the rows of {@code x}, written in float64 into the upper triangle of {@code into}
     * block by block, for kernel regression to factorise in place. Column features are recomputed, not cached, and
     * blocks are at most {@link #SINK_BLOCK_ROWS} rows, so that beyond {@code into} the work space is O(block·features)
     * whatever n (docs/science.md, §Memory of a kernel learner).
     */
    public void computeInto(INDArray x, SpdBuffer into) {
        int n = (int) x.rows();
        if (into.size() != n) {
            throw new IllegalArgumentException("A kernel of " + n + " examples needs an " + n + "×" + n + " buffer, got "
                    + into.size());
        }
        long perExample = extractor.featureBytesPerExample();
        int rows = blockRows > 0 ? blockRows
                : Math.min(SINK_BLOCK_ROWS, chooseBlockRows(perExample, MemoryBudget.availableBytes()));
        try {
            compute(x, null, rows, false, (r, c, block) -> writeUpper(into, r, c, block));
        } finally {
            extractor.release();
        }
    }

    /** A finished block of a kernel: rows [r0, r1) and columns [c0, c1), in the network's precision. */
    @FunctionalInterface
    public interface BlockSink {
        void put(int r0, int r1, int c0, int c1, INDArray block);
    }

    /**
     * The blocks of rows [r0, r1) of the symmetric kernel of the rows of {@code x} against its columns [0, r1), on
     * or left of the diagonal, with the work space of {@link #computeInto}: for a kernel written to disk one tile row
     * at a time. Rows are relative to r0; r0 must be a multiple of {@code blockRows} (see {@link #stripBlockRows}).
     */
    public void computeLowerStrip(INDArray x, int r0, int r1, int blockRows, BlockSink sink) {
        if (blockRows <= 0 || r0 % blockRows != 0) {
            throw new IllegalArgumentException("rows from " + r0 + " with blocks of " + blockRows + " rows");
        }
        // The columns are x itself, as computeInto passes them, not a view of its rows [0, r1): blocks right of the
        // diagonal are never reached anyway, and ND4J has mishandled ranges of views of views (computeLowerRows).
        // With the view, a build at n = 60,000 crashed in ND4J's native code at tile row 25 of 30.
        compute(x.get(interval(r0, r1), all()).dup('c'), x, r0, blockRows, false,
                (r, c, block) -> sink.put(r[0], r[1], c[0], c[1], block));
    }

    /** Frees the feature extractor's working arrays, after the last {@link #computeLowerStrip}. */
    public void release() {
        extractor.release();
    }

    /**
     * Block rows for {@link #computeLowerStrip} of tile rows of {@code tile} rows: the largest divisor of the tile
     * that is at most what {@link #computeInto} would take, so that every tile row starts on a block.
     */
    public int stripBlockRows(int tile) {
        int most = blockRows > 0 ? blockRows : Math.min(SINK_BLOCK_ROWS,
                chooseBlockRows(extractor.featureBytesPerExample(), MemoryBudget.availableBytes()));
        int b = Math.max(1, Math.min(tile, most));
        while (tile % b != 0) {
            b--;
        }
        return b;
    }

    /**
     * The n1×n2 kernel between the rows of {@code x1} and {@code x2} as {@link #compute(INDArray, INDArray)} gives
     * it, with the work space of {@link #computeInto}: blocks of at most {@link #SINK_BLOCK_ROWS} rows, no feature
     * cache. For the test block of a kernel learner, whose memory must not grow with what happens to be free.
     */
    public INDArray computeBounded(INDArray x1, INDArray x2) {
        int n1 = (int) x1.rows();
        int n2 = (int) x2.rows();
        long perExample = extractor.featureBytesPerExample();
        int rows = blockRows > 0 ? blockRows
                : Math.min(SINK_BLOCK_ROWS, chooseBlockRows(perExample, MemoryBudget.availableBytes()));
        INDArray k = Nd4j.createUninitialized(snapshot.dataType(), n1, n2);
        try {
            compute(x1, x2, rows, false,
                    (r, c, block) -> k.get(interval(r[0], r[1]), interval(c[0], c[1])).assign(block));
        } finally {
            extractor.release();
        }
        return k;
    }

    /** A block of rows r and columns c of a symmetric kernel, into the upper triangle (transposed when below it). */
    private static void writeUpper(SpdBuffer into, int[] r, int[] c, INDArray block) {
        boolean below = c[0] < r[0];
        INDArray d = (below ? block.transpose() : block).castTo(DataType.DOUBLE).dup('c');
        int height = below ? c[1] - c[0] : r[1] - r[0];
        int width = below ? r[1] - r[0] : c[1] - c[0];
        int row0 = below ? c[0] : r[0];
        int col0 = below ? r[0] : c[0];
        DoubleBuffer src = d.data().asNioDouble();
        for (int t = 0; t < height; t++) {
            into.rows(row0 + t, 1).put(col0, src, t * width, width);
        }
        d.close();
    }

    /** Where a finished block of the kernel goes: rows r[0]..r[1], columns c[0]..c[1]. */
    @FunctionalInterface
    private interface BlockTarget {
        void put(int[] r, int[] c, INDArray block);
    }

    private void compute(INDArray x1, INDArray x2, int rows, boolean cacheColumns, BlockTarget target) {
        compute(x1, x2, -1, rows, cacheColumns, target);
    }

    /**
     * The blocks of x1's rows against x2's, tile row by tile row. {@code lowerFrom} ≥ 0: x1 is rows [lowerFrom, …) of
     * x2, a multiple of {@code rows} from its start, and only the blocks on or left of the diagonal are computed (the
     * diagonal block pairs a row block's features with themselves); x2 null is lowerFrom 0 on x1 itself. The blocks of
     * a tile row are paired at once on {@link NativeParallel}'s threads, each GEMM single-threaded with the shape it has
     * on one thread, so the bits depend neither on the thread count nor on how the blocks are grouped.
     */
    private void compute(INDArray x1, INDArray x2, int lowerFrom, int rows, boolean cacheColumns,
                         BlockTarget target) {
        boolean symmetric = x2 == null;
        int offset = symmetric ? 0 : lowerFrom;
        boolean lower = offset >= 0;
        INDArray xCols = symmetric ? x1 : x2;
        List<int[]> rowBlocks = blocks((int) x1.rows(), rows);
        List<int[]> colBlocks = blocks((int) xCols.rows(), rows);
        List<List<LayerFeature>> colCache = new ArrayList<>();
        double totalPairs = 0;
        for (int bi = 0; bi < rowBlocks.size(); bi++) {
            totalPairs += lower ? offset / rows + bi + 1 : colBlocks.size();
        }
        double pairsDone = 0;
        long sinceGc = 0;
        // Blocks of one GEMM's height are paired several at once; larger ones are split into GEMMs by abT itself, and
        // several at once would hold that many blocks of recomputed features.
        int group = rows <= LayerFeature.ROWS_PER_GEMM ? Math.max(1, NativeParallel.threads()) : 1;
        flops = 0;
        for (int bi = 0; bi < rowBlocks.size(); bi++) {
            monitor.checkCancelled();
            int[] r = rowBlocks.get(bi);
            List<LayerFeature> fi = features(x1, r);
            int lastCol = lower ? offset / rows + bi : colBlocks.size() - 1;
            for (int g0 = 0; g0 <= lastCol; g0 += group) {
                monitor.checkCancelled();
                int count = Math.min(group, lastCol + 1 - g0);
                List<List<LayerFeature>> fjs = new ArrayList<>();
                for (int bj = g0; bj < g0 + count; bj++) {
                    int[] c = colBlocks.get(bj);
                    List<LayerFeature> fj;
                    if (lower && bj == lastCol) {
                        fj = fi;
                    } else if (cacheColumns && bj < colCache.size()) {
                        fj = colCache.get(bj);
                    } else {
                        fj = features(xCols, c);
                        sinceGc += bytes(fj);
                    }
                    if (cacheColumns && bj == colCache.size()) {
                        colCache.add(fj);
                    }
                    fjs.add(fj);
                    for (LayerFeature f : fi) {
                        flops += f.gramFlops(c[1] - c[0]);
                    }
                }
                INDArray[] grams = new INDArray[count];
                NativeParallel.run(count, (t, worker) -> grams[t] = gram(fi, fjs.get(t)));
                for (int t = 0; t < count; t++) {
                    target.put(r, colBlocks.get(g0 + t), grams[t]);
                    sinceGc += grams[t].length() * grams[t].dataType().width();
                    grams[t].close();
                }
                pairsDone += count;
                monitor.progress(pairsDone / totalPairs, "empirical NTK");
            }
            if (!cacheColumns && sinceGc > GC_BYTES) {
                // ND4J frees native memory only when a collection finds its arrays unreachable; without a collection
                // the recomputed features and block products of n = 16,384 piled up to 18 GB before one ran. Once per
                // tile row and by bytes, not per block: a collection per 128-row block made the kernel several
                // times slower.
                System.gc();
                sinceGc = 0;
            }
        }
    }

    private static long bytes(List<LayerFeature> features) {
        long b = 0;
        for (LayerFeature f : features) {
            b += f.bytes();
        }
        return b;
    }

    /** Floating-point operations of the last {@link #compute} call (features and GEMMs), for benchmarks. */
    public double lastFlops() {
        return flops;
    }

    private List<LayerFeature> features(INDArray x, int[] range) {
        flops += extractor.featureFlopsPerExample() * (range[1] - range[0]);
        return extractor.features(x.get(interval(range[0], range[1]), all()));
    }

    private static INDArray gram(List<LayerFeature> fi, List<LayerFeature> fj) {
        INDArray sum = null;
        for (int l = 0; l < fi.size(); l++) {
            INDArray part = fi.get(l).gram(fj.get(l));
            sum = sum == null ? part : sum.addi(part);
        }
        return sum;
    }

    /** Largest block with two blocks of features in a quarter of what is left, between 64 and 4096 rows. */
    private static int chooseBlockRows(long perExample, long free) {
        long rows = perExample == 0 ? 4096 : free / 4 / (2 * perExample);
        return (int) Math.max(MIN_BLOCK_ROWS, Math.min(4096, rows));
    }

    /** Memory of the kernel plus the working set of two blocks of features and their pairing. */
    static long estimateBytes(long perExampleFeatureBytes, int n1, int n2, int blockRows, int width) {
        long kernel = (long) n1 * n2 * width;
        long block = Math.min(blockRows, Math.max(n1, n2));
        long working = 2 * block * perExampleFeatureBytes + 3 * block * block * width;
        return kernel + working;
    }

    /** The memory {@link #compute} would need for n1×n2, without computing anything. */
    public long estimateBytes(int n1, int n2) {
        long perExample = extractor.featureBytesPerExample();
        long available = MemoryBudget.availableBytes();
        long kernelBytes = (long) n1 * n2 * snapshot.dataType().width();
        int rows = blockRows > 0 ? blockRows : chooseBlockRows(perExample, Math.max(0, available - kernelBytes));
        return estimateBytes(perExample, n1, n2, rows, snapshot.dataType().width());
    }

    private static List<int[]> blocks(int n, int rows) {
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < n; s += rows) {
            out.add(new int[] {s, Math.min(n, s + rows)});
        }
        return out;
    }
}
