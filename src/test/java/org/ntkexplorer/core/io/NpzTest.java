package org.ntkexplorer.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void readsStoredNpzFromNumpyByMapping() throws IOException {
        Path p = NpyTest.fixture("stored.npz");
        NpzFile f = Npz.open(p);
        assertEquals(List.of("W0", "b0"), f.names());
        assertTrue(f.mapped("W0").isPresent());
        NpyArray w = f.read("W0");
        assertArrayEquals(new long[] {2, 3}, w.shape());
        assertArrayEquals(new double[] {0, 0.125, 0.25, 0.375, 0.5, 0.625}, w.toDoubles());
        assertArrayEquals(new int[] {1, 2, 3}, f.read("b0").toInts());
    }

    @Test
    void readsDeflatedNpzFromNumpy() throws IOException {
        Map<String, NpyArray> m = Npz.read(NpyTest.fixture("deflated.npz"));
        assertEquals(List.of("X", "Y"), List.copyOf(m.keySet()));
        assertArrayEquals(new long[] {2, 2, 3, 2}, m.get("X").shape());
        byte[] x = m.get("X").toBytes();
        for (int i = 0; i < 24; i++) {
            assertEquals(i, x[i]);
        }
        assertArrayEquals(new long[] {0, 1}, m.get("Y").toLongs());
        assertFalse(Npz.open(NpyTest.fixture("deflated.npz")).mapped("X").isPresent());
    }

    @Test
    void writesParamsInOrderAsNpyMembers() throws IOException {
        Map<String, NpyArray> params = new LinkedHashMap<>();
        params.put("W0", NpyArray.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        params.put("b0", NpyArray.of(new double[] {0.5, -0.5}, 2));
        params.put("W1", NpyArray.of(new double[] {7, 8}, 2, 1));
        params.put("b1", NpyArray.of(new double[] {9}, 1));
        Path p = dir.resolve("params.npz");
        Npz.write(p, params);

        try (ZipFile zip = new ZipFile(p.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of("W0.npy", "b0.npy", "W1.npy", "b1.npy"), names);
            ZipEntry w0 = zip.getEntry("W0.npy");
            assertEquals(ZipEntry.STORED, w0.getMethod());
            assertArrayEquals(Npy.toBytes(params.get("W0")), zip.getInputStream(w0).readAllBytes());
        }
        Map<String, NpyArray> back = Npz.read(p);
        assertEquals(List.copyOf(params.keySet()), List.copyOf(back.keySet()));
        for (String k : params.keySet()) {
            assertArrayEquals(params.get(k).shape(), back.get(k).shape(), k);
            assertArrayEquals(params.get(k).toDoubles(), back.get(k).toDoubles(), k);
        }
    }

    @Test
    void writingTheSameArraysTwiceGivesTheSameBytes() throws IOException {
        Map<String, NpyArray> m = Map.of("X", NpyArray.of(new int[] {1, 2}, 2));
        Npz.write(dir.resolve("a.npz"), m);
        Npz.write(dir.resolve("b.npz"), m);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.npz")), Files.readAllBytes(dir.resolve("b.npz")));
    }

    @Test
    void truncatedArchiveIsReportedNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(NpyTest.fixture("stored.npz"));
        Path p = dir.resolve("cut.npz");
        Files.write(p, Arrays.copyOf(whole, whole.length / 2));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void missingMemberIsReportedWithWhatExists() throws IOException {
        NpzFile f = Npz.open(NpyTest.fixture("stored.npz"));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> f.read("W9"));
        assertTrue(e.getMessage().contains("W0") && e.getMessage().contains("W9"), e.getMessage());
    }
}
