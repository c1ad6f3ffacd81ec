package org.ntkexplorer.core.experiment.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntkexplorer.core.kernel.EmpiricalNtkFootprint;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Split;
import org.ntkexplorer.core.io.NpyDtype;
import org.ntkexplorer.core.io.NpyHeader;
import org.ntkexplorer.core.kernel.Finite;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelExport;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.KernelTiles;
import org.ntkexplorer.core.model.NetworkFootprint;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;

/**
 * Row-block k of N of a {@link KernelJob}'s kernel ({@code kernel --block K/N}), for spreading one kernel over the
 * machines of a cluster; {@link KernelBlockMerge} assembles the blocks into the folder the whole job writes, bit for
 * bit. A block is a run of whole tile rows of {@link KernelTiles}, chosen so that every block has about the same
 * number of tiles. Its folder holds the job's inputs.npy, labels.npy, params.npz and model.json, the block's strips
 * as kernel-block.npy (rows [rowStart, rowEnd) by columns [0, rowEnd), zero right of each tile row's diagonal
 * tile),
 * and block.json, written last, which says which block it is and of which kernel.
 */
public final class KernelBlockJob {
    static final String BLOCK_FILE = "kernel-block.npy";

    private final KernelJob job;
    private final int block;
    private final int blocks;

    /** Block {@code block} (from 1) of {@code blocks}; {@link #problems} says whether that block exists. */
    public KernelBlockJob(KernelJob job, int block, int blocks) {
        this.job = job;
        this.block = block;
        this.blocks = blocks;
    }

    /** Why this block cannot be computed for the job's n, or null: N must not exceed the kernel's tile rows. */
    public String blockProblem() {
        if (blocks < 1 || block < 1 || block > blocks) {
            return "--block " + block + "/" + blocks + " does not exist: blocks are counted from 1, so K/N needs "
                    + "1 ≤ K ≤ N";
        }
        int tiles = KernelTiles.tileRows(job.n());
        if (blocks > tiles) {
            return "--block " + block + "/" + blocks + ": the kernel of " + job.n() + " examples has " + tiles
                    + " tile rows of " + KernelTiles.tileSide(job.n()) + ", and a block is at least one tile row; use at "
                    + "most " + tiles + " blocks";
        }
        return null;
    }

    /** Every problem of the settings and of the block, empty when it can run. */
    public List<String> problems(DatasetSource source) {
        List<String> out = new ArrayList<>(job.problems(source));
        if (job.n() >= 1) {
            String b = blockProblem();
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    /** The peak of one block: the subset, the block's rows and a copy, and the kernel's work space. */
    public Footprint footprint(DatasetSource source) {
        int[] rows = KernelTiles.blockRows(job.n(), block, blocks);
        int t = KernelTiles.tileSide(job.n());
        double inputs = (double) job.n() * source.train().exampleLength() * Double.BYTES;
        double strip = (double) t * rows[1] * Double.BYTES;
        double block = (double) (rows[1] - rows[0]) * rows[1] * Double.BYTES;
        Footprint base = Footprint.of("the subset", 2 * inputs, 2 * inputs)
                .plus(Footprint.of("the block's rows", 2 * block + strip, strip));
        if (job.kind() == KernelKind.EMPIRICAL_NTK) {
            NetworkSpec spec = job.network(source);
            return base.plus(NetworkFootprint.atInitialisation(spec, job.precision().bytes()))
                    .plus(EmpiricalNtkFootprint.of(spec, job.precision(), t, rows[1], t));
        }
        return base.plus(InfiniteMlpKernel.footprint(t, rows[1]));
    }

    /** Computes the block into {@code out}; block.json appears only once kernel-block.npy is complete. */
    public KernelJob.Result run(DatasetSource source, Path out, TaskMonitor monitor) throws IOException {
        List<String> problems = problems(source);
        if (!problems.isEmpty()) {
            throw InvalidSpecException.ofMessages("The kernel block", problems);
        }
        MemoryBudget.require("Block " + block + "/" + blocks + " of the " + job.kind().id() + " kernel of " + job.n()
                + " examples", footprint(source), "Use more blocks (a larger N in --block K/N) or fewer examples.");
        KernelJob.Prepared p = job.prepare(source);
        Split train = p.train();
        int n = train.size();
        int[] rows = KernelTiles.blockRows(n, block, blocks);
        int t = KernelTiles.tileSide(n);
        Files.deleteIfExists(out.resolve(KernelBlockMerge.BLOCK_JSON));
        KernelExport.writeCompanions(out, p.model(), train.inputs(), n, train.inputDim(), train.labels(), p.params());
        long start = System.nanoTime();
        NpyDtype dtype = npyType(job.precision().dataType());
        Path tmp = out.resolve(BLOCK_FILE + ".tmp");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            o.write(NpyHeader.encode(dtype, new long[] {rows[1] - rows[0], rows[1]}));
            monitor.progress(0, "kernel block " + block + " of " + blocks);
            // All tile rows in one call: each tile holds the bits it holds in the whole kernel, and the eNTK then
            // computes each tile row's features once.
            INDArray all = p.strips().rows(rows[0], rows[1]);
            for (int r0 = rows[0]; r0 < rows[1]; r0 += t) {
                monitor.checkCancelled();
                int r1 = Math.min(rows[1], r0 + t);
                INDArray strip = all.get(NDArrayIndex.interval(r0 - rows[0], r1 - rows[0]), NDArrayIndex.interval(0, r1));
                Finite.requireFinite(strip, "Rows " + r0 + "–" + (r1 - 1) + " of the " + job.kind().id() + " kernel");
                writeRows(o, strip, rows[1], dtype);
            }
            monitor.progress(1, "kernel block " + block + " of " + blocks);
        }
        Files.move(tmp, out.resolve(BLOCK_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        double seconds = (System.nanoTime() - start) / 1e9;
        KernelBlockMerge.writeBlockJson(out, new KernelBlockMerge.Block(block, blocks, n, t, rows[0], rows[1],
                dtype == NpyDtype.FLOAT32 ? "float32" : "float64", KernelBlockMerge.specHash(out, n, t)));
        return new KernelJob.Result(n, train.inputDim(), p.parameters(), seconds, p.description()
                + ", block " + block + "/" + blocks + " (rows " + rows[0] + "–" + (rows[1] - 1) + ")");
    }

    static NpyDtype npyType(DataType type) {
        return type == DataType.FLOAT ? NpyDtype.FLOAT32 : NpyDtype.FLOAT64;
    }

    /** The strip's rows, little-endian, each padded with zeros to {@code width} columns. */
    private static void writeRows(OutputStream o, INDArray strip, int width, NpyDtype dtype) throws IOException {
        int rows = (int) strip.rows();
        int cols = (int) strip.columns();
        int size = dtype.itemSize();
        ByteBuffer row = ByteBuffer.allocate(width * size).order(ByteOrder.LITTLE_ENDIAN);
        INDArray c = strip.dup('c');
        if (dtype == NpyDtype.FLOAT32) {
            float[] v = c.data().asFloat();
            for (int r = 0; r < rows; r++) {
                row.clear();
                row.asFloatBuffer().put(v, r * cols, cols);
                o.write(row.array());
            }
        } else {
            double[] v = c.data().asDouble();
            for (int r = 0; r < rows; r++) {
                row.clear();
                row.asDoubleBuffer().put(v, r * cols, cols);
                o.write(row.array());
            }
        }
    }
}
