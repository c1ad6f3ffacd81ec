package org.ntkexplorer.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A .npy stream inside a file (a whole .npy file, or a STORED entry of an .npz) whose header has been read
 * but whose data has not. Data are memory-mapped on request, whole or a range of rows, so arrays larger
 * than memory (or than the 2 GiB a single mapping allows) can be worked through in pieces.
 */
public final class NpyFile {
    private final Path path;
    private final long start;
    private final NpyHeader header;
    private final String source;

    private NpyFile(Path path, long start, NpyHeader header, String source) {
        this.path = path;
        this.start = start;
        this.header = header;
        this.source = source;
    }

    /** Reads the header of the .npy stream that starts at byte {@code start} and may extend to {@code end}. */
    static NpyFile open(Path path, long start, long end, String source) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] pre = new byte[NpyHeader.PREAMBLE_V2];
            ByteBuffer preBuf = ByteBuffer.wrap(pre, 0, (int) Math.min(pre.length, Math.max(0, end - start)));
            int got = readFully(ch, preBuf, start);
            int[] lengths = NpyHeader.readPreamble(pre, got, source);
            int dataOffset = lengths[0] + lengths[1];
            if (start + dataOffset > end) {
                throw new NpyFormatException(source, "truncated inside the .npy header");
            }
            ByteBuffer dict = ByteBuffer.allocate(lengths[1]);
            readFully(ch, dict, start + lengths[0]);
            NpyHeader header = NpyHeader.parseDict(new String(dict.array(), StandardCharsets.ISO_8859_1), dataOffset, source);
            long available = end - start - dataOffset;
            if (available < header.dataBytes()) {
                throw new NpyFormatException(source, "truncated: the header announces " + header.dataBytes()
                        + " bytes of data (shape " + NpyHeader.pythonTuple(header.shape()) + "), only " + available + " follow");
            }
            return new NpyFile(path, start, header, source);
        }
    }

    private static int readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    public NpyHeader header() {
        return header;
    }

    public long[] shape() {
        return header.shape();
    }

    public NpyDtype dtype() {
        return header.dtype();
    }

    /** Number of slices along the first axis. */
    public long rows() {
        long[] s = header.shape();
        return s.length == 0 ? 1 : s[0];
    }

    /** The whole array, memory-mapped; refused above 2 GiB, where {@link #readRows} is the way. */
    public NpyArray readAll() throws IOException {
        if (header.dataBytes() > Integer.MAX_VALUE) {
            throw new NpyFormatException(source, "array of " + header.dataBytes()
                    + " bytes is too large to map at once; read it in row ranges");
        }
        return map(0, header.dataBytes(), header.shape());
    }

    /** Rows [from, to) along the first axis, memory-mapped, with shape (to - from, ...). */
    public NpyArray readRows(long from, long to) throws IOException {
        long[] shape = header.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException(source + ": a 0-d array has no rows");
        }
        if (from < 0 || to < from || to > shape[0]) {
            throw new IndexOutOfBoundsException(source + ": rows [" + from + ", " + to + ") outside 0.." + shape[0]);
        }
        long rowBytes = header.rowBytes();
        shape[0] = to - from;
        long bytes = Math.multiplyExact(to - from, rowBytes);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": rows [" + from + ", " + to + ") span " + bytes
                    + " bytes, more than one mapping can hold; ask for fewer rows");
        }
        return map(Math.multiplyExact(from, rowBytes), bytes, shape);
    }

    private NpyArray map(long offset, long bytes, long[] shape) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer data;
            if (bytes == 0) {
                data = ByteBuffer.allocate(0);
            } else {
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, start + header.dataOffset() + offset, bytes);
                data = m;
            }
            return new NpyArray(header.dtype(), shape, data.order(header.order()));
        }
    }
}
