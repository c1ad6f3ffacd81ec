package org.ntkexplorer.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The sample committed in sample-data/ is what its README says it is. */
class SampleDataTest {
    private static Path sampleDir() {
        return SampleData.locate().orElseThrow(() -> new AssertionError("sample-data not found in " + SampleData.candidates()));
    }

    @Test
    void opensWithFashionMnistShapeAndClasses() {
        DatasetSource s = DatasetRegistry.open(DatasetRegistry.SAMPLE);
        assertArrayEquals(new int[] {1, 28, 28}, s.train().shape());
        assertEquals(FashionMnist.CLASS_NAMES, s.classNames());
        assertEquals(10, s.outputs());
        assertEquals(6000, s.train().size());
        assertEquals(2000, s.test().orElseThrow().size());
    }

    @Test
    void everyClassHas600TrainingAnd200TestImages() {
        DatasetSource s = DatasetRegistry.open(DatasetRegistry.SAMPLE);
        int[] train = new int[10];
        int[] test = new int[10];
        for (int i = 0; i < s.train().size(); i++) {
            train[s.train().label(i)]++;
        }
        for (int i = 0; i < s.test().orElseThrow().size(); i++) {
            test[s.test().orElseThrow().label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(600, train[c], "train class " + c);
            assertEquals(200, test[c], "test class " + c);
        }
    }

    @Test
    void readmeDigestsMatchTheFiles() throws IOException {
        Path dir = sampleDir();
        String readme = Files.readString(dir.resolve("README.md"));
        for (String name : FashionMnist.FILES) {
            Matcher m = Pattern.compile("`" + Pattern.quote(name) + "`[^`]*`([0-9a-f]{64})`").matcher(readme);
            assertTrue(m.find(), "README has no SHA-256 for " + name);
            assertEquals(m.group(1), Sha256.of(dir.resolve(name)), name);
        }
        String license = Files.readString(dir.resolve(SampleMaker.LICENSE_FILE));
        assertTrue(license.contains("Copyright (c) 2017 Zalando SE") && license.contains("MIT License"));
    }

    @Test
    void gzipHeadersCarryNoTimestamp() throws IOException {
        for (String name : FashionMnist.FILES) {
            byte[] head = Files.readAllBytes(sampleDir().resolve(name));
            assertEquals(0x1f, head[0] & 0xff);
            assertEquals(0x8b, head[1] & 0xff);
            assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(head, 4, 8), name + " mtime");
        }
    }
}
