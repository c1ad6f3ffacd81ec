package org.ntkexplorer.core.experiment.spec;

import java.util.Arrays;
import java.util.Objects;

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

    // By value, as NetworkSpec is: the kernel command's data is compared with a spec's.
    @Override
    public boolean equals(Object o) {
        return o instanceof DataSpec d && dataset.equals(d.dataset) && Arrays.equals(classes, d.classes)
                && preprocessing == d.preprocessing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, Arrays.hashCode(classes), preprocessing);
    }

    @Override
    public String toString() {
        return dataset + (classes == null ? "" : " classes " + Arrays.toString(classes)) + " " + preprocessing.id();
    }
}
