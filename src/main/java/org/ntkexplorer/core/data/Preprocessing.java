package org.ntkexplorer.core.data;

/**
 * What is done to inputs after raw values are divided by the source's {@link ExampleArray#rawMax()}. The
 * infinite-width NTK depends on input norms and angles, so the choice is always stated with results.
 */
public enum Preprocessing {
    /** Per feature: subtract the training-subset mean, divide by its standard deviation; constant features become 0. */
    STANDARDIZE("standardised per feature with training-subset statistics (features constant on the training subset set to 0)"),
    /** Each sample divided by its L2 norm (all-zero samples stay zero). */
    UNIT_NORM("each sample normalised to unit L2 norm");

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
        throw new IllegalArgumentException("Unknown preprocessing '" + id + "'; expected standardize or unit-norm");
    }

    /** Applies this step in place to row-major train and test inputs of dimension d. */
    void apply(double[] train, double[] test, int d) {
        if (this == UNIT_NORM) {
            unitNorm(train, d);
            unitNorm(test, d);
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
