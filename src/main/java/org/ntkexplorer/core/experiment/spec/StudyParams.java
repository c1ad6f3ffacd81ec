package org.ntkexplorer.core.experiment.spec;

/**
 * The keys only some studies read ({@link StudyRules#keys()} says which). Every spec holds and writes all of them,
 * whatever its study, because spec.json has always done so and a run is sealed with the hash of that text; so this
 * is one record, not one per study.
 *
 * @param widths             widths of a width sweep (other studies use the network's width)
 * @param n0                 training examples of the pre-trained network (pretrained)
 * @param snapshotEvery      epochs between kernel snapshots (dynamics)
 * @param snapshotRegression also kernel-regress with each probe-kernel snapshot (dynamics)
 * @param richnessGrid       the values of α a richness study trains at
 */
public record StudyParams(int[] widths, int n0, int snapshotEvery, boolean snapshotRegression,
                          double[] richnessGrid) {

    public StudyParams {
        widths = widths.clone();
        richnessGrid = richnessGrid.clone();
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    @Override
    public double[] richnessGrid() {
        return richnessGrid.clone();
    }
}
