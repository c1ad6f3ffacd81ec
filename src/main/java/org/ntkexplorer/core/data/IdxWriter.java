package org.ntkexplorer.core.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes gzipped IDX files. GZIPOutputStream puts mtime 0 and no file name in the gzip header, so the same
 * content always gives the same bytes (for a given zlib).
 */
final class IdxWriter {
    private IdxWriter() {
    }

    static void writeImages(Path path, int rows, int cols, byte[] pixels) throws IOException {
        int count = pixels.length / (rows * cols);
        try (DataOutputStream out = open(path)) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            out.write(pixels);
        }
    }

    static void writeLabels(Path path, byte[] labels) throws IOException {
        try (DataOutputStream out = open(path)) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private static DataOutputStream open(Path path) throws IOException {
        OutputStream file = Files.newOutputStream(path);
        return new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(file, 1 << 16), 1 << 16));
    }
}
