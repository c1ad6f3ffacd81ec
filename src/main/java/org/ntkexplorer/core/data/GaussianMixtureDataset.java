package org.ntkexplorer.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Classification with a known Bayes structure: C classes, each an isotropic unit-variance Gaussian around
 * a mean at distance {@code separation} from the origin in a random direction. Class of example i is i mod C.
 */
final class GaussianMixtureDataset {
    static final String KIND = "gaussian-mixture";
    static final List<String> PARAMS = List.of("classes", "d", "separation", "size", "seed");

    private GaussianMixtureDataset() {
    }

    static LoadedDataset create(DatasetSpec spec) {
        spec.allowOnly(PARAMS);
        int classes = spec.integer("classes", 4, 2);
        int d = spec.integer("d", 32, 1);
        double separation = spec.real("separation", 2);
        int size = spec.integer("size", 20_000, classes);
        long seed = spec.longValue("seed", 0);
        if (separation < 0) {
            throw spec.bad("separation must be ≥ 0, not " + separation);
        }
        if ((long) size * d > Integer.MAX_VALUE / 2) {
            throw spec.bad("size×d too large to hold in memory");
        }
        Random rng = new Random(seed);
        double[] means = new double[classes * d];
        for (int c = 0; c < classes; c++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                means[c * d + k] = rng.nextGaussian();
                norm += means[c * d + k] * means[c * d + k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < d; k++) {
                means[c * d + k] *= separation / norm;
            }
        }
        double[] x = new double[size * d];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % classes;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = means[labels[i] * d + k] + rng.nextGaussian();
            }
        }
        FiniteInputs.require(x, d, spec.text(), "the generated inputs");
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        String description = String.format("Synthetic Gaussian mixture (seed %d): %d examples in %d dimensions, %d "
                + "equally frequent classes; class c is N(μ_c, I) with μ_c at distance %s from the origin in a random "
                + "direction. No separate test part.", seed, size, d, classes, separation);
        return LoadedDataset.classification(spec.text(), description, names, DenseExamples.labelled(x, d, labels), null);
    }
}
