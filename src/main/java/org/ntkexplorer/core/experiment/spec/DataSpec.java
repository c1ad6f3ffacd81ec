package org.ntkexplorer.core.experiment.spec;

import org.ntkexplorer.core.data.Preprocessing;

/**
 * Which examples a network or a kernel sees and how their inputs are scaled: the part of a spec that the
 * {@code kernel} command shares with a study, so that both read the same keys with the same defaults.
 *
 * @param classes class ids to keep; null for every class
 */
public record DataSpec(String dataset, int[] classes, Preprocessing preprocessing) {

    public DataSpec {
        classes = classes == null ? null : classes.clone();
    }

    @Override
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    /** The data of a spec that gives no data keys. */
    public static DataSpec defaults() {
        return ExperimentSpec.defaults().data();
    }
}
