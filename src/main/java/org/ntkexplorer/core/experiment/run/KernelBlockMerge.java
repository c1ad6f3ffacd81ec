package org.ntkexplorer.core.experiment.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.NpyDtype;
import org.ntkexplorer.core.io.NpyFile;
import org.ntkexplorer.core.io.NpyHeader;
import org.ntkexplorer.core.kernel.KernelTiles;

/**
 * Assembles the row-blocks of {@link KernelBlockJob} into the folder {@code kernel} writes for the whole kernel,
 * byte for byte. It refuses unless every block 1..N is there exactly once, all with the same N and the same spec
 * (the hash of model.json, inputs, labels and parameters). kernel.npy is streamed one tile row at a time (the rows
 * of a strip from its block, the part right of it from the later blocks' tiles, transposed), so the merge holds one
 * strip, never the kernel; each file is written under a temporary name and renamed when complete.
 */
public final class KernelBlockMerge {
    static final String BLOCK_JSON = "block.json";
    private static final List<String> COMPANIONS = List.of("inputs.npy", "labels.npy", "params.npz", "model.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What block.json says: block k (from 1) of N, rows [rowStart, rowEnd) of the n×n kernel, and its spec's hash. */
    public record Block(int block, int blocks, int n, int tile, int rowStart, int rowEnd, String dtype, String spec) {
        String describe() {
            return block + "/" + blocks;
        }
    }

    public record Result(int n, int blocks, Path dir) {
    }

    private record Found(Path dir, Block block) {
    }

    private KernelBlockMerge() {
    }

    /** Whether {@code dir} is the folder of a finished kernel block. */
    public static boolean isBlock(Path dir) {
        return Files.isRegularFile(dir.resolve(BLOCK_JSON));
    }

    public static Result merge(List<Path> dirs, Path out) throws IOException {
        List<Found> found = new ArrayList<>();
        for (Path d : dirs) {
            found.add(new Found(d, read(d)));
        }
        Found first = found.get(0);
        Map<Integer, Found> byIndex = new TreeMap<>();
        for (Found f : found) {
            Block b = f.block();
            if (b.blocks() != first.block().blocks()) {
                throw new IllegalArgumentException(f.dir() + " holds block " + b.describe() + " but " + first.dir()
                        + " holds block " + first.block().describe() + ": the blocks of one kernel share N; merge the "
                        + "folders of one --block K/" + first.block().blocks() + " series");
            }
            if (!b.spec().equals(first.block().spec()) || b.n() != first.block().n()
                    || !b.dtype().equals(first.block().dtype())) {
                throw new IllegalArgumentException(f.dir() + " (block " + b.describe() + ") comes from another spec than "
                        + first.dir() + " (block " + first.block().describe() + "): " + difference(first.dir(), f.dir())
                        + "; compute every block with the same kernel settings and merge those");
            }
            Found twice = byIndex.put(b.block(), f);
            if (twice != null) {
                throw new IllegalArgumentException("block " + b.describe() + " is given twice: " + twice.dir() + " and "
                        + f.dir() + "; pass each block's folder once");
            }
        }
        int blocks = first.block().blocks();
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= blocks; k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k + "/" + blocks);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException((missing.size() == 1 ? "block " + missing.get(0) + " is missing"
                    : "blocks " + String.join(", ", missing) + " are missing") + " (given: " + byIndex.size() + " of "
                    + blocks + "); compute " + (missing.size() == 1 ? "it" : "them") + " with the same settings and --block "
                    + missing.get(0) + (missing.size() == 1 ? "" : " …") + ", then merge again");
        }
        Files.createDirectories(out);
        for (String name : COMPANIONS) {
            Path src = first.dir().resolve(name);
            if (Files.exists(src)) {
                Path tmp = out.resolve(name + ".tmp");
                Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, out.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Path tmp = out.resolve("kernel.npy.tmp");
        writeKernel(new ArrayList<>(byIndex.values()), tmp);
        Files.move(tmp, out.resolve("kernel.npy"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(first.block().n(), blocks, out);
    }

    /** The n×n kernel: for each tile row, its strip from its block, then the tiles right of it from later blocks. */
    private static void writeKernel(List<Found> blocks, Path target) throws IOException {
        Block b0 = blocks.get(0).block();
        int n = b0.n();
        int t = b0.tile();
        NpyDtype dtype = b0.dtype().equals("float32") ? NpyDtype.FLOAT32 : NpyDtype.FLOAT64;
        int size = dtype.itemSize();
        List<NpyFile> files = new ArrayList<>();
        for (Found f : blocks) {
            NpyFile file = Npy.open(f.dir().resolve(KernelBlockJob.BLOCK_FILE));
            Block b = f.block();
            long[] shape = file.shape();
            if (shape.length != 2 || shape[0] != b.rowEnd() - b.rowStart() || shape[1] != b.rowEnd()
                    || file.dtype() != dtype) {
                throw new IllegalArgumentException(f.dir().resolve(KernelBlockJob.BLOCK_FILE) + " does not match its "
                        + "block.json (shape " + java.util.Arrays.toString(shape) + "); compute block " + b.describe() + " again");
            }
            files.add(file);
        }
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            o.write(NpyHeader.encode(dtype, new long[] {n, n}));
            int owner = 0;
            for (int r0 = 0; r0 < n; r0 += t) {
                int r1 = Math.min(n, r0 + t);
                while (blocks.get(owner).block().rowEnd() <= r0) {
                    owner++;
                }
                byte[] rows = new byte[(r1 - r0) * n * size];
                NpyArray strip = files.get(owner).readRows(r0 - blocks.get(owner).block().rowStart(),
                        r1 - blocks.get(owner).block().rowStart());
                ByteBuffer s = strip.buffer();
                long stripRowBytes = (long) blocks.get(owner).block().rowEnd() * size;
                for (int r = 0; r < r1 - r0; r++) {
                    s.get((int) (r * stripRowBytes), rows, r * n * size, r1 * size);
                }
                // Columns [r1, n): tile (j, i) of each later tile row j, transposed.
                int later = owner;
                for (int c0 = r1; c0 < n; c0 += t) {
                    int c1 = Math.min(n, c0 + t);
                    while (blocks.get(later).block().rowEnd() <= c0) {
                        later++;
                    }
                    Block lb = blocks.get(later).block();
                    ByteBuffer tile = files.get(later).readRows(c0 - lb.rowStart(), c1 - lb.rowStart()).buffer();
                    long rowBytes = (long) lb.rowEnd() * size;
                    for (int c = 0; c < c1 - c0; c++) {
                        for (int r = 0; r < r1 - r0; r++) {
                            tile.get((int) (c * rowBytes + (long) (r0 + r) * size), rows,
                                    (r * n + c0 + c) * size, size);
                        }
                    }
                }
                o.write(rows);
            }
        }
    }

    static Block read(Path dir) throws IOException {
        if (!isBlock(dir)) {
            throw new IllegalArgumentException(dir + " is not a finished kernel block (it has no " + BLOCK_JSON + "): name "
                    + "the --out folders of kernel --block K/N; a block that was stopped before the end has none, so "
                    + "compute it again");
        }
        Block b = JSON.readValue(dir.resolve(BLOCK_JSON).toFile(), Block.class);
        int[] rows = b.blocks() <= KernelTiles.tileRows(b.n()) && b.block() >= 1 && b.block() <= b.blocks()
                ? KernelTiles.blockRows(b.n(), b.block(), b.blocks()) : null;
        if (rows == null || rows[0] != b.rowStart() || rows[1] != b.rowEnd() || b.tile() != KernelTiles.tileSide(b.n())) {
            throw new IllegalArgumentException(dir.resolve(BLOCK_JSON) + " describes block " + b.describe() + " of a "
                    + b.n() + "×" + b.n() + " kernel as rows " + b.rowStart() + "–" + b.rowEnd() + " in tiles of "
                    + b.tile() + ", which this version of NTK Explorer cuts otherwise; compute the blocks again with it");
        }
        return b;
    }

    static void writeBlockJson(Path dir, Block b) throws IOException {
        Path tmp = dir.resolve(BLOCK_JSON + ".tmp");
        JSON.writeValue(tmp.toFile(), b);
        Files.move(tmp, dir.resolve(BLOCK_JSON), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** SHA-256 of what makes two blocks parts of one kernel: the model, the inputs, labels and parameters, n, tile. */
    static String specHash(Path dir, int n, int tile) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("n=" + n + ";tile=" + tile + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] buf = new byte[1 << 16];
            for (String name : COMPANIONS) {
                Path p = dir.resolve(name);
                md.update((name + (Files.exists(p) ? ":" + Files.size(p) : ":none") + ";").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
                if (Files.exists(p)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        for (int r; (r = in.read(buf)) > 0; ) {
                            md.update(buf, 0, r);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Which settings of model.json differ between two blocks, or that their data differ when the settings agree. */
    private static String difference(Path a, Path b) throws IOException {
        JsonNode ma = JSON.readTree(a.resolve("model.json").toFile());
        JsonNode mb = JSON.readTree(b.resolve("model.json").toFile());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = ma.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ma.get(k).equals(mb.get(k))) {
                keys.add(k);
            }
        }
        for (Iterator<String> it = mb.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ma.has(k)) {
                keys.add(k);
            }
        }
        return keys.isEmpty() ? "their inputs, labels or parameters differ"
                : "their model.json differ in " + String.join(", ", keys);
    }
}
