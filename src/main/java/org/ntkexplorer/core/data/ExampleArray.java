package org.ntkexplorer.core.data;

/**
 * The examples of one part (train or test) of a dataset, in their raw form: uint8 pixels stay 0..255 so
 * that scaling is a stated preprocessing step, not a hidden property of the loader. Large parts are backed
 * by memory-mapped files; nothing is converted until an example is copied out.
 */
public interface ExampleArray {
    int size();

    /** Shape of one example: {C, H, W} for images (channels first), {d} for vectors. */
    int[] shape();

    /** Number of values in one example (the product of {@link #shape()}). */
    default int exampleLength() {
        int n = 1;
        for (int s : shape()) {
            n *= s;
        }
        return n;
    }

    /** Original class id of example i (classification only). */
    int label(int i);

    /** Copies the raw values of example i, in C×H×W order, into dst starting at off. */
    void copyExample(int i, double[] dst, int off);

    /** The largest value the raw encoding can hold: 255 for uint8, 1 for data already in [0,1]. */
    double rawMax();

    /** Copies the target vector of example i (regression only). */
    default void copyTarget(int i, double[] dst, int off) {
        throw new IllegalStateException("a classification dataset has labels, not regression targets");
    }
}
