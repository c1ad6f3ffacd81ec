package org.ntkexplorer.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes NumPy .npy files (format 1.0/2.0/3.0 read; 1.0 written, 2.0 when the header needs it).
 * Written arrays are C-ordered and little-endian, with the header padded exactly as NumPy pads it.
 */
public final class Npy {
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /** The whole array, memory-mapped from the file. */
    public static NpyArray read(Path path) throws IOException {
        return open(path).readAll();
    }

    /** The header only; the data are mapped later, whole or in row ranges. */
    public static NpyFile open(Path path) throws IOException {
        return NpyFile.open(path, 0, Files.size(path), path.toString());
    }

    /** A .npy stream held in memory (e.g. an inflated .npz entry); the array shares the buffer. */
    public static NpyArray read(ByteBuffer bytes, String source) throws NpyFormatException {
        ByteBuffer b = bytes.duplicate();
        byte[] pre = new byte[NpyHeader.PREAMBLE_V2];
        int got = Math.min(pre.length, b.remaining());
        b.duplicate().get(pre, 0, got);
        int[] lengths = NpyHeader.readPreamble(pre, got, source);
        int dataOffset = lengths[0] + lengths[1];
        if (b.remaining() < dataOffset) {
            throw new NpyFormatException(source, "truncated inside the .npy header");
        }
        byte[] dict = new byte[lengths[1]];
        b.position(b.position() + lengths[0]);
        b.get(dict);
        NpyHeader h = NpyHeader.parseDict(new String(dict, StandardCharsets.ISO_8859_1), dataOffset, source);
        if (b.remaining() < h.dataBytes()) {
            throw new NpyFormatException(source, "truncated: the header announces " + h.dataBytes()
                    + " bytes of data (shape " + NpyHeader.pythonTuple(h.shape()) + "), only " + b.remaining() + " follow");
        }
        ByteBuffer data = b.slice().limit((int) h.dataBytes());
        return new NpyArray(h.dtype(), h.shape(), data.order(h.order()));
    }

    public static void write(Path path, NpyArray array) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), CHUNK)) {
            write(out, array);
        }
    }

    /** Writes header and data; the stream is left open. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(NpyHeader.encode(array.dtype(), array.shape()));
        ByteBuffer data = array.buffer();
        if (array.order() != ByteOrder.LITTLE_ENDIAN && array.dtype().itemSize() > 1) {
            data = toLittleEndian(array);
        }
        byte[] chunk = new byte[CHUNK];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** Exactly the bytes {@link #write(OutputStream, NpyArray)} produces. */
    public static byte[] toBytes(NpyArray array) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        write(out, array);
        return out.toByteArray();
    }

    private static ByteBuffer toLittleEndian(NpyArray array) {
        ByteBuffer src = array.buffer();
        ByteBuffer dst = ByteBuffer.allocate(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        int size = array.dtype().itemSize();
        while (src.hasRemaining()) {
            if (size == 8) {
                dst.putLong(src.getLong());
            } else {
                dst.putInt(src.getInt());
            }
        }
        return dst.flip();
    }
}
