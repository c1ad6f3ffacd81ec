package org.ntkexplorer.core.data;

import java.util.Random;

/**
 * Deterministic shuffles. Fisher–Yates over java.util.Random, whose generator the Java specification fixes,
 * so a subset drawn with a seed is the same on every JVM (Collections.shuffle's order is not promised).
 */
final class SeededShuffle {
    private SeededShuffle() {
    }

    /** An independent seed for each (seed, stream) pair: SplitMix64's finaliser over both. */
    static long streamSeed(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static void shuffle(int[] a, long seed) {
        Random rng = new Random(seed);
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Indices of each class id 0..classCount−1, in dataset order. */
    static int[][] indicesByClass(ExampleArray part, int classCount) {
        int[] counts = new int[classCount];
        int n = part.size();
        for (int i = 0; i < n; i++) {
            counts[part.label(i)]++;
        }
        int[][] out = new int[classCount][];
        for (int c = 0; c < classCount; c++) {
            out[c] = new int[counts[c]];
        }
        int[] fill = new int[classCount];
        for (int i = 0; i < n; i++) {
            int c = part.label(i);
            out[c][fill[c]++] = i;
        }
        return out;
    }
}
