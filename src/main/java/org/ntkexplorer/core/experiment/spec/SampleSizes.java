package org.ntkexplorer.core.experiment.spec;

import java.util.Arrays;
import java.util.Objects;

/**
 * How much of the data a study draws, and how often.
 *
 * @param nGrid training-set sizes (scaling, pretrained); the other studies use the first
 * @param nTest test examples, the same test set for every size of a seed
 * @param seeds independent repeats, each drawing its own subsets and initialisation
 */
public record SampleSizes(int[] nGrid, int nTest, int seeds) {

    public SampleSizes {
        nGrid = nGrid.clone();
    }

    @Override
    public int[] nGrid() {
        return nGrid.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleSizes s && Arrays.equals(nGrid, s.nGrid) && nTest == s.nTest && seeds == s.seeds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(nGrid), nTest, seeds);
    }

    @Override
    public String toString() {
        return SpecFields.N_GRID + " " + Arrays.toString(nGrid) + " " + SpecFields.N_TEST + " " + nTest + " "
                + SpecFields.SEEDS + " " + seeds;
    }
}
