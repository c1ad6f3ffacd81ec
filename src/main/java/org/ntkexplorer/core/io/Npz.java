package org.ntkexplorer.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Reads and writes NumPy .npz archives (a zip of .npy members, as np.savez writes them). */
public final class Npz {
    /** Fixed member timestamp (local DOS time, so no time zone enters), for byte-identical output. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    public static NpzFile open(Path path) throws IOException {
        return NpzFile.open(path);
    }

    /** Every member, in archive order; STORED members stay memory-mapped. */
    public static Map<String, NpyArray> read(Path path) throws IOException {
        NpzFile f = open(path);
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (String name : f.names()) {
            out.put(name, f.read(name));
        }
        return out;
    }

    /**
     * Writes the arrays uncompressed (like np.savez), keeping the map's order; members are named
     * "KEY.npy" so np.load gives them back under KEY.
     */
    public static void write(Path path, Map<String, NpyArray> arrays) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16))) {
            for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
                // STORED needs size and CRC before the data; one extra pass over the array is cheaper than a copy.
                CRC32 crc = new CRC32();
                CheckedOutputStream counter = new CheckedOutputStream(OutputStream.nullOutputStream(), crc);
                CountingStream counted = new CountingStream(counter);
                Npy.write(counted, a.getValue());
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setMethod(ZipEntry.STORED);
                e.setSize(counted.count);
                e.setCompressedSize(counted.count);
                e.setCrc(crc.getValue());
                e.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(e);
                Npy.write(zip, a.getValue());
                zip.closeEntry();
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
