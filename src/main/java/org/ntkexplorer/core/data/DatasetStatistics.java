package org.ntkexplorer.core.data;

/**
 * Summary of one part of a dataset in raw units: examples per class, range, mean and standard deviation of
 * all input values, and the fraction of values equal to the minimum (e.g. black background pixels).
 */
public record DatasetStatistics(int size, int[] perClass, double min, double max, double mean, double std,
                                double fractionAtMin) {
    public static DatasetStatistics of(ExampleArray part, int classCount) {
        int n = part.size();
        int d = part.exampleLength();
        int[] perClass = classCount > 0 ? new int[classCount] : null;
        double[] row = new double[d];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        // Welford per value: pixel counts reach 10^8, where a naive sum of squares loses digits.
        double mean = 0;
        double m2 = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (perClass != null) {
                perClass[part.label(i)]++;
            }
            part.copyExample(i, row, 0);
            for (double v : row) {
                count++;
                double delta = v - mean;
                mean += delta / count;
                m2 += delta * (v - mean);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        long atMin = 0;
        for (int i = 0; i < n; i++) {
            part.copyExample(i, row, 0);
            for (double v : row) {
                if (v == min) {
                    atMin++;
                }
            }
        }
        double std = count > 0 ? Math.sqrt(m2 / count) : Double.NaN;
        return new DatasetStatistics(n, perClass, count > 0 ? min : Double.NaN, count > 0 ? max : Double.NaN,
                count > 0 ? mean : Double.NaN, std, count > 0 ? (double) atMin / count : Double.NaN);
    }

    @Override
    public int[] perClass() {
        return perClass == null ? null : perClass.clone();
    }
}
