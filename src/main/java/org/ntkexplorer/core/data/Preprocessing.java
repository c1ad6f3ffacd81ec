package org.ntkexplorer.core.data;

/**
 * What is done to inputs after raw values are divided by the source's {@link ExampleArray#rawMax()}. The
 * infinite-width NTK depends on input norms and angles, so the choice is always stated with results.
 */
public enum Preprocessing {
    /** Per feature: subtract the training-subset mean, divide by its standard deviation; constant features become 0. */
    STANDARDIZE("standardised per feature with training-subset statistics (features constant on the training subset set to 0)"),
    /** Each sample divided by its L2 norm (all-zero samples stay zero). */
    UNIT_NORM("each sample normalised to unit L2 norm"),
    /**
     * Per channel (all pixels of a channel together; the whole vector for non-image data): mean 0, variance 1
     * with training-subset statistics. Unlike per-feature scaling it cannot blow up pixels that barely vary in a
     * small training subset, which is why kernel studies across n use it.
     */
    STANDARDIZE_CHANNELS("standardised per channel (mean 0, variance 1 over all pixels of each channel) with "
            + "training-subset statistics");

    private final String words;

    Preprocessing(String words) {
        this.words = words;
    }

    public String describe() {
        return words;
    }

    /** Lower-case name used on the command line and in specs: standardize or unit-norm. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Preprocessing fromId(String id) {
        for (Preprocessing p : values()) {
            if (p.id().equalsIgnoreCase(id.trim()) || p.name().equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown preprocessing '" + id
                + "'; expected standardize-channels, standardize or unit-norm");
    }

    /** Applies this step in place to row-major train and test inputs of dimension d made of {@code channels} blocks. */
    void apply(double[] train, double[] test, int d, int channels) {
        if (this == UNIT_NORM) {
            unitNorm(train, d);
            unitNorm(test, d);
            return;
        }
        if (this == STANDARDIZE_CHANNELS) {
            standardizeChannels(train, test, d, channels);
            return;
        }
        int n = train.length / d;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += train[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double e = train[i * d + k] - mean[k];
                sd[k] += e * e;
            }
        }
        for (int k = 0; k < d; k++) {
            sd[k] = Math.sqrt(sd[k] / n);
        }
        standardize(train, mean, sd);
        standardize(test, mean, sd);
    }

    private static void standardize(double[] x, double[] mean, double[] sd) {
        int d = mean.length;
        for (int i = 0; i < x.length; i++) {
            int k = i % d;
            // A feature that never varies on the training subset carries no information; 0 keeps it inert.
            x[i] = sd[k] > 1e-12 ? (x[i] - mean[k]) / sd[k] : 0;
        }
    }

    private static void standardizeChannels(double[] train, double[] test, int d, int channels) {
        int block = d / channels;
        int n = train.length / d;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                for (int k = c * block; k < (c + 1) * block; k++) {
                    double v = train[i * d + k];
                    sum += v;
                    sumSq += v * v;
                }
            }
            double count = (double) n * block;
            double mean = sum / count;
            double sd = Math.sqrt(Math.max(0, sumSq / count - mean * mean));
            double inv = sd > 1e-12 ? 1 / sd : 0;
            for (double[] x : new double[][] {train, test}) {
                for (int i = 0; i < x.length / d; i++) {
                    for (int k = c * block; k < (c + 1) * block; k++) {
                        x[i * d + k] = (x[i * d + k] - mean) * inv;
                    }
                }
            }
        }
    }

    private static void unitNorm(double[] x, int d) {
        for (int i = 0; i < x.length; i += d) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += x[i + k] * x[i + k];
            }
            if (s > 0) {
                double inv = 1 / Math.sqrt(s);
                for (int k = 0; k < d; k++) {
                    x[i + k] *= inv;
                }
            }
        }
    }
}
