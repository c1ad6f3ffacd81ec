package org.ntkexplorer.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/numpy/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /numpy/" + name);
            }
            Path tmp = Files.createTempFile("fixture-", "-" + name);
            Files.write(tmp, in.readAllBytes());
            tmp.toFile().deleteOnExit();
            return tmp;
        }
    }

    private NpyArray roundTrip(NpyArray a) throws IOException {
        Path p = dir.resolve("a.npy");
        Npy.write(p, a);
        return Npy.read(p);
    }

    @Test
    void float64RoundTripsIn0d1dAnd3d() throws IOException {
        double[] v = {1.5, -0.0, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, -7, 0.1, 1e-300, 3, 4, 5, 6};
        NpyArray back = roundTrip(NpyArray.of(v, 2, 3, 2));
        assertEquals(NpyDtype.FLOAT64, back.dtype());
        assertArrayEquals(new long[] {2, 3, 2}, back.shape());
        assertArrayEquals(v, back.toDoubles());
        NpyArray scalar = roundTrip(NpyArray.of(new double[] {42.25}));
        assertEquals(0, scalar.rank());
        assertEquals(42.25, scalar.getDouble(0));
        NpyArray vec = roundTrip(NpyArray.of(new double[] {1, 2, 3}, 3));
        assertArrayEquals(new long[] {3}, vec.shape());
        assertArrayEquals(new double[] {1, 2, 3}, vec.toDoubles());
    }

    @Test
    void otherTypesRoundTrip() throws IOException {
        float[] f = {1.25f, -3f, Float.MAX_VALUE, 0f, 7f, 8f};
        NpyArray fb = roundTrip(NpyArray.of(f, 1, 2, 3));
        assertEquals(NpyDtype.FLOAT32, fb.dtype());
        assertArrayEquals(f, fb.toFloats());

        int[] i = {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
        NpyArray ib = roundTrip(NpyArray.of(i, 4));
        assertEquals(NpyDtype.INT32, ib.dtype());
        assertArrayEquals(i, ib.toInts());

        long[] l = {Long.MIN_VALUE, 5_000_000_000L};
        NpyArray lb = roundTrip(NpyArray.of(l, 2, 1, 1));
        assertEquals(NpyDtype.INT64, lb.dtype());
        assertArrayEquals(l, lb.toLongs());

        byte[] u = {0, 1, 127, (byte) 128, (byte) 255};
        NpyArray ub = roundTrip(NpyArray.ofUint8(u, 5));
        assertEquals(NpyDtype.UINT8, ub.dtype());
        assertArrayEquals(u, ub.toBytes());
        assertEquals(255.0, ub.getDouble(4));
        assertEquals(128, ub.getLong(3));
    }

    @Test
    void emptyArrayRoundTrips() throws IOException {
        NpyArray back = roundTrip(NpyArray.of(new int[0], 0, 5));
        assertArrayEquals(new long[] {0, 5}, back.shape());
        assertEquals(0, back.toInts().length);
    }

    @Test
    void headerIsExactlyWhatTheNumpySpecPrescribes() throws IOException {
        byte[] bytes = Npy.toBytes(NpyArray.of(new double[12], 3, 4));
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8));
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int dataStart = 10 + headerLen;
        assertEquals(0, dataStart % 64);
        assertEquals(dataStart + 12 * 8, bytes.length);
        String header = new String(bytes, 10, headerLen, StandardCharsets.ISO_8859_1);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
        assertTrue(header.startsWith(dict), header);
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(" ".repeat(headerLen - dict.length() - 1), header.substring(dict.length(), headerLen - 1));
    }

    @Test
    void headerOfHandComputedFixture() {
        // What NumPy 1.x/2.x writes for np.save(f, np.zeros(3, '<i4')): 21 - len("3") growth spaces, then
        // padding so that 10 + header length is 128, the last byte a newline.
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }" + " ".repeat(20);
        byte[] expected = new byte[128];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
        System.arraycopy(magic, 0, expected, 0, 10);
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, expected, 10, text.length);
        Arrays.fill(expected, 10 + text.length, 127, (byte) ' ');
        expected[127] = '\n';
        assertArrayEquals(expected, NpyHeader.encode(NpyDtype.INT32, new long[] {3}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8_3x4.npy", "f4_2x3x2.npy", "i4_5.npy", "i8_scalar.npy", "u1_2x3.npy"})
    void rewritingANumpyFileGivesTheSameBytes(String name) throws IOException {
        Path p = fixture(name);
        assertArrayEquals(Files.readAllBytes(p), Npy.toBytes(Npy.read(p)), name);
    }

    @Test
    void numpyFixturesHoldTheValuesTheScriptWrote() throws IOException {
        NpyArray f8 = Npy.read(fixture("f8_3x4.npy"));
        assertArrayEquals(new long[] {3, 4}, f8.shape());
        double[] expected = new double[12];
        for (int i = 0; i < 12; i++) {
            expected[i] = i / 4.0 - 1;
        }
        assertArrayEquals(expected, f8.toDoubles());
        assertArrayEquals(new int[] {-2, -1, 0, 1, Integer.MAX_VALUE}, Npy.read(fixture("i4_5.npy")).toInts());
        NpyArray scalar = Npy.read(fixture("i8_scalar.npy"));
        assertEquals(0, scalar.rank());
        assertEquals(-9_000_000_000L, scalar.getLong(0));
        assertArrayEquals(new byte[] {0, 1, 127, (byte) 128, (byte) 254, (byte) 255}, Npy.read(fixture("u1_2x3.npy")).toBytes());
        assertArrayEquals(new double[] {3, 4}, Npy.read(fixture("v2_f8_2.npy")).toDoubles());
    }

    @Test
    void bigEndianFilesAreReadAndRewrittenLittleEndian() throws IOException {
        NpyArray be = Npy.read(fixture("be_f8_2x2.npy"));
        assertEquals(ByteOrder.BIG_ENDIAN, be.order());
        assertArrayEquals(new double[] {1.5, -2.25, 1e300, 0.0}, be.toDoubles());
        assertArrayEquals(new int[] {1, -1, 65536}, Npy.read(fixture("be_i4_3.npy")).toInts());
        NpyArray back = roundTrip(be);
        assertEquals(ByteOrder.LITTLE_ENDIAN, back.order());
        assertArrayEquals(be.toDoubles(), back.toDoubles());
    }

    @Test
    void fortranOrderIsRefusedNamingTheFile() throws IOException {
        Path p = fixture("fortran_2x3.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
    }

    @Test
    void badMagicIsReportedNamingTheFile() throws IOException {
        Path p = dir.resolve("bad.npy");
        byte[] bytes = Npy.toBytes(NpyArray.of(new double[] {1}, 1));
        bytes[1] = 'X';
        Files.write(p, bytes);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void truncatedDataIsReportedNamingTheFile() throws IOException {
        Path p = dir.resolve("short.npy");
        byte[] bytes = Npy.toBytes(NpyArray.of(new double[] {1, 2, 3}, 3));
        Files.write(p, Arrays.copyOf(bytes, bytes.length - 1));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        Path header = dir.resolve("header-only.npy");
        Files.write(header, Arrays.copyOf(bytes, 30));
        assertThrows(NpyFormatException.class, () -> Npy.read(header));
    }

    @Test
    void rowRangesAreMappedWithoutReadingTheRest() throws IOException {
        byte[] pixels = new byte[10 * 4 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        Path p = dir.resolve("images.npy");
        Npy.write(p, NpyArray.ofUint8(pixels, 10, 4, 3));
        NpyFile f = Npy.open(p);
        assertEquals(10, f.rows());
        NpyArray rows = f.readRows(7, 9);
        assertArrayEquals(new long[] {2, 4, 3}, rows.shape());
        assertArrayEquals(Arrays.copyOfRange(pixels, 7 * 12, 9 * 12), rows.toBytes());
        assertThrows(IndexOutOfBoundsException.class, () -> f.readRows(9, 11));
    }

    @Test
    void version2IsWrittenOnlyWhenTheHeaderOutgrowsVersion1() {
        long[] manyDims = new long[30_000];
        Arrays.fill(manyDims, 1);
        byte[] header = NpyHeader.encode(NpyDtype.FLOAT64, manyDims);
        assertEquals(2, header[6]);
        assertEquals(0, header.length % 64);
        long len = ByteBuffer.wrap(header, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(header.length - 12, len);
        assertEquals('\n', header[header.length - 1]);
        assertEquals(1, NpyHeader.encode(NpyDtype.FLOAT64, new long[] {3, 4})[6]);
    }
}
