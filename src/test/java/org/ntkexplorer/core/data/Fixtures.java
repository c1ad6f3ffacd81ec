package org.ntkexplorer.core.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small dataset files written byte by byte, as the format specifications describe them. */
final class Fixtures {
    private Fixtures() {
    }

    /** IDX images whose pixel k of image i is (i * 7 + k) mod 256. */
    static byte[] idxImages(int count, int rows, int cols) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < rows * cols; k++) {
                out.writeByte((i * 7 + k) % 256);
            }
        }
        return b.toByteArray();
    }

    static byte[] idxLabels(int... labels) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x00000801);
        out.writeInt(labels.length);
        for (int l : labels) {
            out.writeByte(l);
        }
        return b.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(data);
        }
        return b.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    /** One CIFAR-10 record: label byte, then the R, G and B planes; pixel p of plane c is (base + c * 10 + p) mod 256. */
    static byte[] cifarRecord(int label, int base) {
        byte[] r = new byte[1 + 3072];
        r[0] = (byte) label;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 1024; p++) {
                r[1 + c * 1024 + p] = (byte) ((base + c * 10 + p) % 256);
            }
        }
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** A Fashion-MNIST-shaped directory (four gz IDX files) with {@code perClass} images of each of 10 classes per part. */
    static Path fashionLikeDir(Path dir, int perClassTrain, int perClassTest) throws IOException {
        writePart(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, perClassTrain);
        writePart(dir, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, perClassTest);
        return dir;
    }

    private static void writePart(Path dir, String images, String labels, int perClass) throws IOException {
        int n = perClass * 10;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        write(dir.resolve(images), gzip(idxImages(n, 28, 28)));
        write(dir.resolve(labels), gzip(idxLabels(y)));
    }
}
