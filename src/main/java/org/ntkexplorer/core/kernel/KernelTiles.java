package org.ntkexplorer.core.kernel;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.model.NtkNetwork;

/**
 * A symmetric kernel built from square tiles of a side fixed by n alone, one tile row (a "strip") at a time, so
 * that a row-block computed on one machine ({@code kernel --block K/N}) holds exactly the numbers the whole kernel
 * holds there. Strip i is rows [iT, (i+1)T) against columns [0, (i+1)T): the lower triangle and the diagonal
 * tile, whose upper half is made the mirror of its lower half. The upper triangle is the transpose of the lower
 * one. Every tile is computed by the same calls with the same shapes wherever it is computed, and those calls split
 * their sums by the size of the work, never by the number of threads (docs/science.md, §Reproducibility).
 */
public final class KernelTiles {
    /** Largest tile side: a strip of 60,000 columns is then 0.5 GB in float64. */
    public static final int MAX_TILE = 1024;
    /**
     * Smallest tile side: the eNTK's products of features run as GEMMs of 128 rows, and tiles of 16 rows made a
     * 600-example eNTK 2.5–3.5 times slower than one block.
     */
    public static final int MIN_TILE = 128;
    /** About this many tile rows whenever n allows, so that up to this many blocks balance well. */
    static final int TARGET_TILES = 64;

    /** The kernel's tiles, by tile rows; every tile holds the same bits whichever method computed it. */
    public interface Strips {
        /** Strip i: rows [r0, r1) (one tile row) against columns [0, r1), in the kernel's precision. */
        INDArray strip(int r0, int r1);

        /**
         * Whole tile rows [r0, r1) against columns [0, r1): each tile row's strip, with its diagonal tile symmetric;
         * what lies right of a tile row's diagonal tile is not part of the kernel's lower triangle and is ignored.
         */
        default INDArray rows(int r0, int r1) {
            int t = tileSide(n());
            INDArray out = null;
            for (int a = r0; a < r1; a += t) {
                int b = Math.min(r1, a + t);
                INDArray s = strip(a, b);
                out = out != null ? out : Nd4j.create(s.dataType(), r1 - r0, r1);
                out.get(interval(a - r0, b - r0), interval(0, b)).assign(s);
            }
            return out;
        }

        /** The whole n×n kernel: the strips, the upper triangle mirrored from the lower. */
        default INDArray whole(DataType type, TaskMonitor monitor) {
            int n = n();
            INDArray k = Nd4j.create(type, n, n);
            int t = tileSide(n);
            int tiles = tileRows(n);
            double pairs = tiles * (tiles + 1) / 2.0;
            for (int i = 0; i < tiles; i++) {
                monitor.checkCancelled();
                int r0 = i * t;
                int r1 = Math.min(n, r0 + t);
                INDArray s = strip(r0, r1);
                k.get(interval(r0, r1), interval(0, r1)).assign(s);
                if (r0 > 0) {
                    k.get(interval(0, r0), interval(r0, r1)).assign(s.get(all(), interval(0, r0)).transpose());
                }
                monitor.progress((i + 1) * (i + 2) / 2.0 / pairs, "kernel, tile row " + (i + 1) + " of " + tiles);
            }
            return k;
        }

        /** Examples of the kernel. */
        int n();
    }

    private KernelTiles() {
    }

    /** Side of the tiles of an n×n kernel: a function of n only, so every machine cuts the kernel alike. */
    public static int tileSide(int n) {
        int t = (n + TARGET_TILES - 1) / TARGET_TILES;
        return Math.max(1, Math.min(MAX_TILE, Math.max(MIN_TILE, t)));
    }

    /** Tile rows of an n×n kernel. */
    public static int tileRows(int n) {
        int t = tileSide(n);
        return (n + t - 1) / t;
    }

    /**
     * Tile rows [first, last) of block k (from 1) of {@code blocks}: boundaries placed so that each block has about
     * the same share of the lower triangle's tiles, since strip i costs i + 1 tiles.
     */
    public static int[] blockTileRows(int n, int k, int blocks) {
        int tiles = tileRows(n);
        if (blocks < 1 || k < 1 || k > blocks || blocks > tiles) {
            throw new IllegalArgumentException("block " + k + "/" + blocks + " of a kernel of " + tiles + " tile rows");
        }
        int[] b = boundaries(tiles, blocks);
        return new int[] {b[k - 1], b[k]};
    }

    /** First tile row of each block, and the end: every block gets at least one tile row. */
    private static int[] boundaries(int tiles, int blocks) {
        int[] b = new int[blocks + 1];
        double total = tiles * (tiles + 1) / 2.0;
        for (int k = 1; k < blocks; k++) {
            // Strips 0..r-1 hold r(r+1)/2 tiles: solve r(r+1)/2 = total·k/N for r.
            int r = (int) Math.round((-1 + Math.sqrt(1 + 8 * total * k / blocks)) / 2);
            b[k] = Math.max(b[k - 1] + 1, Math.min(tiles - (blocks - k), r));
        }
        b[blocks] = tiles;
        return b;
    }

    /** Rows [first, last) of block k of {@code blocks} of an n×n kernel. */
    public static int[] blockRows(int n, int k, int blocks) {
        int[] t = blockTileRows(n, k, blocks);
        int side = tileSide(n);
        return new int[] {t[0] * side, Math.min(n, t[1] * side)};
    }

    /** Strips of the empirical NTK of {@code net} on the rows of {@code x} (already in the precision's type). */
    public static Strips empirical(NtkNetwork net, Precision precision, INDArray x) {
        return new EmpiricalStrips(net, precision, x);
    }

    /**
     * The eNTK in blocks of one tile's height: each tile is the Gram of the same two feature blocks (features of a
     * tile's own rows) whether a strip, a block of strips or the whole symmetric kernel is asked for, so the three
     * agree to the bit; the larger calls only compute each tile row's features once (KernelBlockCommandTest).
     */
    private record EmpiricalStrips(NtkNetwork net, Precision precision, INDArray x) implements Strips {
        @Override
        public int n() {
            return (int) x.rows();
        }

        @Override
        public INDArray strip(int r0, int r1) {
            return rows(r0, r1);
        }

        @Override
        public INDArray rows(int r0, int r1) {
            // Only the tiles on or left of each tile row's diagonal: those right of it are not part of the strips.
            INDArray s = EmpiricalNtk.of(net, precision, tileSide(n()), TaskMonitor.NONE).computeLowerRows(x, r0, r1);
            mirrorDiagonalTiles(s, r0, tileSide(n()));
            return s;
        }

        @Override
        public INDArray whole(DataType type, TaskMonitor monitor) {
            INDArray k = EmpiricalNtk.of(net, precision, tileSide(n()), monitor).compute(x);
            mirrorDiagonalTiles(k, 0, tileSide(n()));
            return k.castTo(type);
        }
    }

    /**
     * Strips of an infinite-width kernel ({@code ntk} true: the NTK, else the NNGP): the diagonal tile by the
     * symmetric recursion, which takes each variance from the input's norm; the tiles left of it by the cross one.
     */
    public static Strips infinite(InfiniteMlpKernel kernel, boolean ntk, Precision precision, INDArray x) {
        return new Strips() {
            @Override
            public int n() {
                return (int) x.rows();
            }

            @Override
            public INDArray strip(int r0, int r1) {
                return infiniteStrip(kernel, ntk, precision, x, r0, r1);
            }
        };
    }

    private static INDArray infiniteStrip(InfiniteMlpKernel kernel, boolean ntk, Precision precision, INDArray x,
                                          int r0, int r1) {
        INDArray xi = x.get(interval(r0, r1), all());
        INDArray s = Nd4j.create(DataType.DOUBLE, r1 - r0, r1);
        KernelPair diag = kernel.train(xi);
        s.get(all(), interval(r0, r1)).assign(ntk ? diag.ntk() : diag.nngp());
        if (r0 > 0) {
            KernelPair left = kernel.cross(xi, x.get(interval(0, r0), all()));
            s.get(all(), interval(0, r0)).assign(ntk ? left.ntk() : left.nngp());
        }
        return s.castTo(precision.dataType());
    }

    /** The whole n×n kernel of {@code strips}. */
    public static INDArray full(int n, DataType type, Strips strips, TaskMonitor monitor) {
        if (strips.n() != n) {
            throw new IllegalArgumentException("strips of " + strips.n() + " examples for a kernel of " + n);
        }
        return strips.whole(type, monitor);
    }

    /** Mirrors the diagonal tile of every tile row of {@code rows} (tile rows from row r0 of the kernel). */
    static void mirrorDiagonalTiles(INDArray rows, int r0, int tile) {
        for (int a = 0; a < rows.rows(); a += tile) {
            int b = (int) Math.min(rows.rows(), a + tile);
            mirrorDiagonalTile(rows.get(interval(a, b), all()), r0 + a);
        }
    }

    /** Makes the diagonal tile of a strip (columns [r0, r0 + rows)) exactly symmetric: upper := lower transposed. */
    static void mirrorDiagonalTile(INDArray strip, int r0) {
        int rows = (int) strip.rows();
        INDArray tile = strip.get(all(), interval(r0, r0 + rows));
        // Through a Java copy (float32 values are exact in double): one ND4J call per entry took seconds per strip.
        double[] v = tile.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int a = 0; a < rows; a++) {
            for (int b = a + 1; b < rows; b++) {
                v[a * rows + b] = v[b * rows + a];
            }
        }
        tile.assign(Nd4j.create(v, new long[] {rows, rows}, 'c').castTo(strip.dataType()));
    }
}
