package org.ntkexplorer.core.linalg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.bytedeco.javacpp.DoublePointer;

/**
 * A symmetric n×n float64 matrix on disk, stored as the row-major tiles of its lower triangle (tile (i, j) with
 * i ≥ j, in the order (0,0), (1,0), (1,1), (2,0), …), for kernels too large for memory (docs/science.md, §Kernel
 * regression out of core). Tiles move between the file and native buffers by positional reads and writes, not by
 * mapping the whole file: pages of a mapped file count in the process's resident size until the collector unmaps
 * them, and the point is a peak that stays at a few tiles whatever n is. The operating system's page cache still
 * keeps recently used tiles in otherwise free memory.
 */
public final class TileFile implements AutoCloseable {
    private static final long MAGIC = 0x314c49544b544e4eL;
    private static final int HEADER_BYTES = 24;

    private final Path path;
    private final FileChannel channel;
    private final int n;
    private final int tile;
    private final int tiles;
    private final long[] offsets;

    private TileFile(Path path, FileChannel channel, int n, int tile) {
        this.path = path;
        this.channel = channel;
        this.n = n;
        this.tile = tile;
        this.tiles = (n + tile - 1) / tile;
        this.offsets = new long[tiles * (tiles + 1) / 2 + 1];
        long at = HEADER_BYTES;
        int k = 0;
        for (int i = 0; i < tiles; i++) {
            for (int j = 0; j <= i; j++) {
                offsets[k++] = at;
                at += (long) rows(i) * rows(j) * Double.BYTES;
            }
        }
        offsets[k] = at;
    }

    /** A new file of the right size (its tiles read as zeros until written); an existing file is replaced. */
    public static TileFile create(Path path, int n, int tile) throws IOException {
        if (n < 1 || tile < 1) {
            throw new IllegalArgumentException("a tiled matrix needs n ≥ 1 and tile ≥ 1 (got " + n + ", " + tile + ")");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(MAGIC).putLong(n).putLong(tile).flip();
        ch.write(h, 0);
        TileFile f = new TileFile(path, ch, n, tile);
        // A sparse file: the disk fills as tiles are written, and a full disk shows at the write that fails.
        ch.write(ByteBuffer.allocate(1), f.offsets[f.offsets.length - 1] - 1);
        return f;
    }

    /** Opens a file written by {@link #create}, checking its header and its length. */
    public static TileFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        if (ch.read(h, 0) != HEADER_BYTES || h.getLong(0) != MAGIC) {
            ch.close();
            throw new IOException(path + " is not a tiled kernel file of NTK Explorer (bad header); delete it and "
                    + "let the run compute the kernel again");
        }
        long n = h.getLong(8);
        long tile = h.getLong(16);
        if (n < 1 || tile < 1 || n > Integer.MAX_VALUE || tile > Integer.MAX_VALUE) {
            ch.close();
            throw new IOException(path + " has an impossible size in its header (n " + n + ", tile " + tile + ")");
        }
        TileFile f = new TileFile(path, ch, (int) n, (int) tile);
        long size = ch.size();
        if (size < f.offsets[f.offsets.length - 1]) {
            ch.close();
            throw new IOException(path + " is shorter than its header says (" + size + " of "
                    + f.offsets[f.offsets.length - 1] + " bytes); it was cut off");
        }
        return f;
    }

    public Path path() {
        return path;
    }

    public int n() {
        return n;
    }

    public int tile() {
        return tile;
    }

    /** Tiles along one side. */
    public int tiles() {
        return tiles;
    }

    /** Rows (and columns) of the i-th tile row: {@code tile}, or fewer for the last. */
    public int rows(int i) {
        return Math.min(tile, n - i * tile);
    }

    /** Reads tile (i, j), i ≥ j, into the first rows(i)·rows(j) values of {@code dst}, row-major. */
    public void read(int i, int j, DoublePointer dst) throws IOException {
        ByteBuffer b = view(i, j, dst);
        long at = offset(i, j);
        while (b.hasRemaining()) {
            int got = channel.read(b, at + b.position());
            if (got < 0) {
                throw new IOException(path + " ended inside tile (" + i + ", " + j + ")");
            }
        }
    }

    /** Writes the first rows(i)·rows(j) values of {@code src} as tile (i, j), i ≥ j. */
    public void write(int i, int j, DoublePointer src) throws IOException {
        ByteBuffer b = view(i, j, src);
        long at = offset(i, j);
        while (b.hasRemaining()) {
            channel.write(b, at + b.position());
        }
    }

    /** Waits until everything written is on the disk, so that a record made after it never runs ahead of it. */
    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private ByteBuffer view(int i, int j, DoublePointer p) {
        if (j > i || i >= tiles || j < 0) {
            throw new IndexOutOfBoundsException("tile (" + i + ", " + j + ") of a " + tiles + "×" + tiles
                    + " lower triangle");
        }
        long values = (long) rows(i) * rows(j);
        if (p.capacity() < values) {
            throw new IllegalArgumentException("buffer of " + p.capacity() + " values for a tile of " + values);
        }
        // Bytes go to and from the disk as they lie in memory: the file is scratch space of this machine.
        return new DoublePointer(p).position(0).limit(values).capacity(values).asByteBuffer();
    }

    private long offset(int i, int j) {
        return offsets[i * (i + 1) / 2 + j];
    }

    /** Bytes the file takes on disk once every tile is written. */
    public static long bytes(int n, int tile) {
        int t = (n + tile - 1) / tile;
        long sum = HEADER_BYTES;
        for (int i = 0; i < t; i++) {
            int ri = Math.min(tile, n - i * tile);
            for (int j = 0; j <= i; j++) {
                sum += (long) ri * Math.min(tile, n - j * tile) * Double.BYTES;
            }
        }
        return sum;
    }

    /**
     * The last finished step (a tile row or column, 0-based) that a progress file records, or -1 when there is none.
     * Work on tiles records its steps in such a file, replaced whole after the step's tiles are on the disk, so that a
     * killed job resumes after its last finished step.
     */
    public static int lastFinished(Path progressFile, int steps, String what) throws IOException {
        if (!Files.exists(progressFile)) {
            return -1;
        }
        String text = Files.readString(progressFile, java.nio.charset.StandardCharsets.UTF_8).trim();
        try {
            int k = Integer.parseInt(text);
            if (k >= -1 && k < steps) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below, with what the file should hold
        }
        throw new IOException(progressFile + " should hold the last finished " + what + " (-1 to " + (steps - 1)
                + ") but holds '" + text + "'; delete it to start from the beginning");
    }

    /** Records step {@code k} as finished; call after {@link #force} of the tiles it wrote. */
    public static void markFinished(Path progressFile, int k) throws IOException {
        Path tmp = progressFile.resolveSibling(progressFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(k), java.nio.charset.StandardCharsets.UTF_8);
        Files.move(tmp, progressFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
