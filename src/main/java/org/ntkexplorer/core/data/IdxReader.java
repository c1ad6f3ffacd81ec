package org.ntkexplorer.core.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * IDX files (the MNIST family): a big-endian header 00 00 08 ndim, ndim big-endian int32 dimensions, then
 * unsigned bytes. Gzipped files are recognised by their content, not their name, and inflated once into
 * memory; raw files are memory-mapped.
 */
final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    /** Images of {@code count} × rows × cols unsigned bytes, starting at position 0 of {@code pixels}. */
    record Images(int count, int rows, int cols, ByteBuffer pixels) {
    }

    private IdxReader() {
    }

    static Images readImages(Path path) {
        ByteBuffer b = load(path);
        checkMagic(b, IMAGES_MAGIC, path, "image");
        checkLength(b, 16, path);
        int count = b.getInt(4);
        int rows = b.getInt(8);
        int cols = b.getInt(12);
        long need = 16 + (long) count * rows * cols;
        checkLength(b, need, path);
        return new Images(count, rows, cols, b.slice(16, (int) (need - 16)));
    }

    /** Labels; each must be below {@code classCount} when that is positive. */
    static int[] readLabels(Path path, int classCount) {
        ByteBuffer b = load(path);
        checkMagic(b, LABELS_MAGIC, path, "label");
        checkLength(b, 8, path);
        int count = b.getInt(4);
        checkLength(b, 8 + (long) count, path);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = b.get(8 + i) & 0xff;
            if (classCount > 0 && labels[i] >= classCount) {
                throw new DatasetException(Problem.LABEL_OUT_OF_RANGE, path, "label " + labels[i] + " of example " + i
                        + " is outside 0.." + (classCount - 1) + " (" + classCount + " classes)");
            }
        }
        return labels;
    }

    /** The magic encodes element type and rank, so it must match exactly: 0x803 is uint8 rank 3. */
    private static void checkMagic(ByteBuffer b, int expected, Path path, String what) {
        if (b.remaining() < 4) {
            throw new DatasetException(Problem.TRUNCATED, path, "truncated: " + b.remaining() + " bytes, too short for an IDX header");
        }
        int magic = b.getInt(0);
        if (magic != expected) {
            throw new DatasetException(Problem.WRONG_MAGIC, path, String.format(
                    "wrong magic number 0x%08x; an IDX %s file starts with 0x%08x", magic, what, expected));
        }
    }

    private static void checkLength(ByteBuffer b, long need, Path path) {
        if (b.remaining() < need) {
            throw new DatasetException(Problem.TRUNCATED, path, "truncated: the header announces " + need
                    + " bytes, the file has " + b.remaining());
        }
    }

    /** The whole (decompressed) file, big-endian, from position 0. */
    static ByteBuffer load(Path path) {
        try {
            if (isGzip(path)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
                    return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.BIG_ENDIAN);
                } catch (EOFException | ZipException e) {
                    throw new DatasetException(Problem.TRUNCATED, path, "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
                }
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                if (ch.size() > Integer.MAX_VALUE) {
                    throw new DatasetException(Problem.UNREADABLE, path, "IDX file larger than 2 GiB is not supported");
                }
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.BIG_ENDIAN);
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(Problem.UNREADABLE, path, "no such file", e);
        } catch (IOException e) {
            throw new DatasetException(Problem.UNREADABLE, path, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        }
    }
}
