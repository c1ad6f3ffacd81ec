package org.ntkexplorer.core.data;

/** Regression targets for classification labels (docs/science.md, §Kernel regression). */
public enum TargetEncoding {
    /** One-hot minus 1/C: 1−1/C for the true class, −1/C elsewhere; C outputs, each target row sums to 0. */
    CENTRED_ONE_HOT,
    /** Two classes only, one output: +1 for the second requested class, −1 for the first. */
    PLUS_MINUS_ONE
}
