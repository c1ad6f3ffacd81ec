package org.ntkexplorer.core.experiment;

import org.ntkexplorer.core.data.Preprocessing;

/**
 * The data part of a spec (the keys of {@link SpecField.Part#DATA}): which dataset, which classes, how many
 * examples, how many seeds and how inputs are scaled.
 *
 * @param classes null for every class
 */
public record DataSpec(String dataset, int[] classes, int[] nGrid, int nTest, int seeds, Preprocessing preprocessing) {
    public DataSpec {
        classes = classes == null ? null : classes.clone();
        nGrid = nGrid.clone();
    }

    @Override
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    @Override
    public int[] nGrid() {
        return nGrid.clone();
    }
}
