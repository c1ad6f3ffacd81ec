package org.ntkexplorer.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.data.DatasetException.Problem;

class SubsetsTest {
    /** 4 classes × 30 examples, label i mod 4; features: i, i mod 5, the constant 7, and i² mod 11. */
    private static LoadedDataset pool(boolean withTestPart) {
        return new LoadedDataset("toy", "toy data", Task.CLASSIFICATION, List.of("a", "b", "c", "d"), 4,
                examples(120, 0), java.util.Optional.ofNullable(withTestPart ? examples(40, 1000) : null));
    }

    private static ExampleArray examples(int n, int offset) {
        double[] x = new double[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int v = i + offset;
            x[i * 4] = v;
            x[i * 4 + 1] = v % 5;
            x[i * 4 + 2] = 7;
            x[i * 4 + 3] = (v * v) % 11;
            y[i] = i % 4;
        }
        return DenseExamples.labelled(x, 4, y);
    }

    private static SubsetRequest request(int[] classes, int nTrain, int nTest, long seed, Preprocessing p) {
        return new SubsetRequest(classes, nTrain, nTest, seed, p, Layout.FLAT);
    }

    private static int[] countLabels(Split s, int k) {
        int[] c = new int[k];
        for (int l : s.labels()) {
            c[l]++;
        }
        return c;
    }

    @Test
    void stratifiedCountsSpreadTheRemainderToTheFirstRequestedClasses() {
        DataSplit d = Subsets.select(pool(true), request(new int[] {2, 0, 3}, 14, 7, 0, Preprocessing.STANDARDIZE));
        assertArrayEquals(new int[] {5, 5, 4}, countLabels(d.train(), 3));
        assertArrayEquals(new int[] {3, 2, 2}, countLabels(d.test(), 3));
        assertArrayEquals(new int[] {2, 0, 3}, d.train().classIds());
        assertEquals(14, d.train().size());
        assertEquals(7, d.test().size());
    }

    @Test
    void labelsAreReindexedInRequestOrderWithCentredOneHotTargets() {
        LoadedDataset src = pool(false);
        DataSplit d = Subsets.select(src, request(new int[] {3, 1}, 10, 4, 5, Preprocessing.UNIT_NORM));
        Split s = d.train();
        assertEquals(2, s.outputs());
        for (int r = 0; r < s.size(); r++) {
            int original = src.train().label(s.sourceIndices()[r]);
            assertEquals(original == 3 ? 0 : 1, s.labels()[r]);
            assertEquals(s.labels()[r] == 0 ? 0.5 : -0.5, s.targets()[r * 2]);
            assertEquals(s.labels()[r] == 1 ? 0.5 : -0.5, s.targets()[r * 2 + 1]);
        }
        DataSplit all = Subsets.select(src, request(null, 8, 0, 5, Preprocessing.UNIT_NORM));
        assertEquals(4, all.train().outputs());
        assertEquals(1 - 0.25, all.train().targets()[all.train().labels()[0]], 1e-15);
    }

    @Test
    void plusMinusOneOnlyForTwoClasses() {
        LoadedDataset src = pool(false);
        DataSplit d = Subsets.select(src, new SubsetRequest(new int[] {0, 2}, 6, 2, 0, Preprocessing.UNIT_NORM,
                Layout.FLAT, TargetEncoding.PLUS_MINUS_ONE));
        assertEquals(1, d.train().outputs());
        for (int r = 0; r < 6; r++) {
            assertEquals(d.train().labels()[r] == 1 ? 1.0 : -1.0, d.train().targets()[r]);
        }
        DatasetException e = assertThrows(DatasetException.class, () -> Subsets.select(src, new SubsetRequest(
                new int[] {0, 1, 2}, 6, 2, 0, Preprocessing.UNIT_NORM, Layout.FLAT, TargetEncoding.PLUS_MINUS_ONE)));
        assertEquals(Problem.BAD_SPEC, e.problem());
    }

    @Test
    void trainAndTestAreDisjointWhenDrawnFromOnePool() {
        for (long seed = 0; seed < 5; seed++) {
            DataSplit d = Subsets.select(pool(false), request(null, 60, 60, seed, Preprocessing.STANDARDIZE));
            Set<Integer> train = new HashSet<>();
            for (int i : d.train().sourceIndices()) {
                assertTrue(train.add(i), "duplicate in train");
            }
            for (int i : d.test().sourceIndices()) {
                assertFalse(train.contains(i), "example " + i + " in both train and test");
            }
            assertEquals(120, train.size() + d.test().size());
        }
    }

    @Test
    void sameSeedSameSubsetOtherSeedOtherSubset() {
        SubsetRequest r = request(null, 20, 8, 42, Preprocessing.STANDARDIZE);
        DataSplit a = Subsets.select(pool(true), r);
        DataSplit b = Subsets.select(pool(true), r);
        assertArrayEquals(a.train().sourceIndices(), b.train().sourceIndices());
        assertArrayEquals(a.test().sourceIndices(), b.test().sourceIndices());
        assertArrayEquals(a.train().inputs(), b.train().inputs());
        DataSplit c = Subsets.select(pool(true), request(null, 20, 8, 43, Preprocessing.STANDARDIZE));
        assertFalse(sorted(a.train().sourceIndices()).equals(sorted(c.train().sourceIndices())));
    }

    private static List<Integer> sorted(int[] a) {
        return IntStream.of(a).sorted().boxed().toList();
    }

    @Test
    void largerTrainingSetsContainSmallerOnesAndTheTestSetStaysPut() {
        DataSplit small = Subsets.select(pool(false), request(null, 20, 16, 3, Preprocessing.STANDARDIZE));
        DataSplit large = Subsets.select(pool(false), request(null, 80, 16, 3, Preprocessing.STANDARDIZE));
        assertTrue(sorted(large.train().sourceIndices()).containsAll(sorted(small.train().sourceIndices())));
        assertEquals(sorted(small.test().sourceIndices()), sorted(large.test().sourceIndices()));
    }

    @Test
    void standardisedTrainingFeaturesHaveMeanZeroAndStdOne() {
        DataSplit d = Subsets.select(pool(true), request(null, 40, 12, 1, Preprocessing.STANDARDIZE));
        double[] x = d.train().inputs();
        int n = d.train().size();
        for (int k = 0; k < 4; k++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * 4 + k];
                sq += x[i * 4 + k] * x[i * 4 + k];
            }
            mean /= n;
            double std = Math.sqrt(sq / n - mean * mean);
            assertEquals(0, mean, 1e-12, "feature " + k);
            assertEquals(k == 2 ? 0 : 1, std, 1e-12, "feature " + k);
        }
        for (int i = 0; i < d.test().size(); i++) {
            assertEquals(0, d.test().inputs()[i * 4 + 2], "constant feature is 0 in test too");
        }
        assertTrue(d.description().contains("standardised per feature with training-subset statistics"), d.description());
    }

    @Test
    void channelStandardisationUsesEachChannelsPixelsTogether() {
        byte[] pixels = new byte[8 * 12];
        java.util.Random rng = new java.util.Random(5);
        for (int i = 0; i < pixels.length; i++) {
            int channel = (i % 12) / 4;
            pixels[i] = (byte) (channel * 60 + rng.nextInt(50 + 40 * channel));
        }
        ExampleArray images = new Uint8Examples(java.nio.ByteBuffer.wrap(pixels), 8, 0, new int[] {3, 2, 2}, false,
                new int[] {0, 1, 0, 1, 0, 1, 0, 1});
        LoadedDataset src = LoadedDataset.classification("img", "img", List.of("x", "y"), images, null);
        DataSplit d = Subsets.select(src, new SubsetRequest(null, 6, 2, 0, Preprocessing.STANDARDIZE_CHANNELS,
                Layout.FLAT));
        double[] x = d.train().inputs();
        int n = d.train().size();
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 4 * c; k < 4 * c + 4; k++) {
                    sum += x[i * 12 + k];
                    sq += x[i * 12 + k] * x[i * 12 + k];
                }
            }
            double mean = sum / (4.0 * n);
            assertEquals(0, mean, 1e-12, "channel " + c);
            assertEquals(1, Math.sqrt(sq / (4.0 * n) - mean * mean), 1e-12, "channel " + c);
        }
        // A single pixel is not standardised on its own: its spread across examples is not exactly 1.
        double pixelSum = 0;
        double pixelSq = 0;
        for (int i = 0; i < n; i++) {
            pixelSum += x[i * 12];
            pixelSq += x[i * 12] * x[i * 12];
        }
        double pixelStd = Math.sqrt(pixelSq / n - (pixelSum / n) * (pixelSum / n));
        assertTrue(Math.abs(pixelStd - 1) > 1e-3, "pixel 0 std " + pixelStd);
        assertTrue(d.description().contains("per channel"), d.description());
    }

    @Test
    void unitNormGivesEverySampleNormOne() {
        DataSplit d = Subsets.select(pool(true), request(new int[] {1, 2}, 10, 6, 0, Preprocessing.UNIT_NORM));
        for (Split s : List.of(d.train(), d.test())) {
            double[] x = s.inputs();
            for (int i = 0; i < s.size(); i++) {
                double norm = 0;
                for (int k = 0; k < 4; k++) {
                    norm += x[i * 4 + k] * x[i * 4 + k];
                }
                assertEquals(1, Math.sqrt(norm), 1e-12);
            }
        }
    }

    @Test
    void tooManyRequestedSaysHowManyExistPerClass() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Subsets.select(pool(true), request(new int[] {0, 1}, 62, 4, 0, Preprocessing.STANDARDIZE)));
        assertEquals(Problem.TOO_MANY_REQUESTED, e.problem());
        assertTrue(e.getMessage().contains("0: 30") && e.getMessage().contains("1: 30"), e.getMessage());
        DatasetException pooled = assertThrows(DatasetException.class,
                () -> Subsets.select(pool(false), request(null, 100, 40, 0, Preprocessing.STANDARDIZE)));
        assertEquals(Problem.TOO_MANY_REQUESTED, pooled.problem());
    }

    @Test
    void unknownClassIsNamed() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Subsets.select(pool(true), request(new int[] {0, 7}, 4, 2, 0, Preprocessing.STANDARDIZE)));
        assertEquals(Problem.UNKNOWN_CLASS, e.problem());
        assertTrue(e.getMessage().contains("no class 7"), e.getMessage());
    }

    @Test
    void imageLayoutKeepsChannelsHeightWidth() {
        ExampleArray images = new Uint8Examples(java.nio.ByteBuffer.wrap(new byte[4 * 12]), 12, 0, new int[] {3, 2, 2},
                false, new int[] {0, 1, 0, 1});
        LoadedDataset src = LoadedDataset.classification("img", "img", List.of("x", "y"), images, null);
        DataSplit d = Subsets.select(src, new SubsetRequest(null, 2, 2, 0, Preprocessing.UNIT_NORM, Layout.IMAGE));
        assertArrayEquals(new int[] {3, 2, 2}, d.train().inputShape());
        assertEquals(12, d.train().inputDim());
        DataSplit flat = Subsets.select(src, new SubsetRequest(null, 2, 2, 0, Preprocessing.UNIT_NORM, Layout.FLAT));
        assertArrayEquals(new int[] {12}, flat.train().inputShape());
        LoadedDataset vectors = pool(false);
        assertEquals(Problem.BAD_SPEC, assertThrows(DatasetException.class, () -> Subsets.select(vectors,
                new SubsetRequest(null, 4, 4, 0, Preprocessing.UNIT_NORM, Layout.IMAGE))).problem());
    }

    @Test
    void regressionSplitsCarryTargetsAndRefuseClasses() {
        DatasetSource ts = DatasetRegistry.open("teacher-student?d=8&outputs=2&width=64&size=50&seed=1");
        DataSplit d = Subsets.select(ts, request(null, 30, 20, 0, Preprocessing.STANDARDIZE));
        assertNull(d.train().labels());
        assertNull(d.train().classIds());
        assertEquals(2, d.train().outputs());
        double[] t = new double[2];
        int first = d.train().sourceIndices()[0];
        ts.train().copyTarget(first, t, 0);
        assertArrayEquals(t, Arrays.copyOf(d.train().targets(), 2));
        assertEquals(Problem.BAD_SPEC, assertThrows(DatasetException.class,
                () -> Subsets.select(ts, request(new int[] {0, 1}, 10, 5, 0, Preprocessing.STANDARDIZE))).problem());
        assertEquals(Problem.TOO_MANY_REQUESTED, assertThrows(DatasetException.class,
                () -> Subsets.select(ts, request(null, 40, 20, 0, Preprocessing.STANDARDIZE))).problem());
    }

    @Test
    void pixelsAreScaledByRawMaxBeforePreprocessing() {
        byte[] px = {(byte) 255, 0, 0, 0, 0, (byte) 255, 0, 0};
        ExampleArray images = new Uint8Examples(java.nio.ByteBuffer.wrap(px), 4, 0, new int[] {1, 2, 2}, false, new int[] {0, 1});
        LoadedDataset src = LoadedDataset.classification("img", "img", List.of("x", "y"), images, images);
        DataSplit d = Subsets.select(src, new SubsetRequest(null, 2, 0, 0, Preprocessing.STANDARDIZE, Layout.FLAT));
        double[] x = d.train().inputs();
        int r0 = d.train().sourceIndices()[0];
        // two samples, feature 0 is {1, 0} after scaling: standardised to ±1
        assertEquals(r0 == 0 ? 1 : -1, x[0], 1e-12);
        assertTrue(d.description().contains("pixels scaled to [0,1]"), d.description());
    }
}
