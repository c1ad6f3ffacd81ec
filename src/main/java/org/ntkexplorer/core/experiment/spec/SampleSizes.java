package org.ntkexplorer.core.experiment.spec;

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
}
