package org.ntkexplorer.core.experiment.spec;

import java.util.Arrays;
import java.util.Objects;

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

    @Override
    public boolean equals(Object o) {
        return o instanceof StudyParams p && Arrays.equals(widths, p.widths) && n0 == p.n0
                && snapshotEvery == p.snapshotEvery && snapshotRegression == p.snapshotRegression
                && Arrays.equals(richnessGrid, p.richnessGrid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(widths), n0, snapshotEvery, snapshotRegression,
                Arrays.hashCode(richnessGrid));
    }

    @Override
    public String toString() {
        return SpecFields.WIDTHS + " " + Arrays.toString(widths) + " " + SpecFields.N0 + " " + n0 + " "
                + SpecFields.SNAPSHOT_EVERY + " " + snapshotEvery + " " + SpecFields.SNAPSHOT_REGRESSION + " "
                + snapshotRegression + " " + SpecFields.RICHNESS_GRID + " " + Arrays.toString(richnessGrid);
    }
}
