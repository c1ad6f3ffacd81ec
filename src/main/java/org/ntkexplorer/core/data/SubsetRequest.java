package org.ntkexplorer.core.data;

import java.util.Arrays;
import java.util.Objects;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * Which examples to draw and how to present them.
 *
 * @param classes   original class ids to keep, in the order that defines the re-indexed labels 0..k−1;
 *                  null for all classes (and required null for regression)
 * @param nTrain    training examples in total, spread equally over the classes
 * @param nTest     test examples in total, spread the same way
 * @param seed      selects the examples; the same seed always gives the same subset
 */
public record SubsetRequest(int[] classes, int nTrain, int nTest, long seed, Preprocessing preprocessing,
                            Layout layout, TargetEncoding targetEncoding) {
    public SubsetRequest {
        classes = classes == null ? null : classes.clone();
        if (nTrain < 1 || nTest < 0) {
            throw new DatasetException(Problem.BAD_SPEC, null, "need at least 1 training example and ≥ 0 test examples, got "
                    + nTrain + " and " + nTest);
        }
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(layout, "layout");
        targetEncoding = targetEncoding == null ? TargetEncoding.CENTRED_ONE_HOT : targetEncoding;
    }

    public SubsetRequest(int[] classes, int nTrain, int nTest, long seed, Preprocessing preprocessing, Layout layout) {
        this(classes, nTrain, nTest, seed, preprocessing, layout, TargetEncoding.CENTRED_ONE_HOT);
    }

    @Override
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubsetRequest r && Arrays.equals(r.classes, classes) && r.nTrain == nTrain
                && r.nTest == nTest && r.seed == seed && r.preprocessing == preprocessing && r.layout == layout
                && r.targetEncoding == targetEncoding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(classes), nTrain, nTest, seed, preprocessing, layout, targetEncoding);
    }

    @Override
    public String toString() {
        return "SubsetRequest[classes=" + (classes == null ? "all" : Arrays.toString(classes)) + ", nTrain=" + nTrain
                + ", nTest=" + nTest + ", seed=" + seed + ", " + preprocessing + ", " + layout + ", " + targetEncoding + "]";
    }
}
