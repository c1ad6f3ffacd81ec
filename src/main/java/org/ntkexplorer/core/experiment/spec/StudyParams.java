package org.ntkexplorer.core.experiment.spec;

import java.util.Arrays;
import java.util.List;

/**
 * The keys that belong to one study alone: a width sweep's widths, a dynamics study's snapshot interval, a richness
 * study's grid of α. A spec holds the one kind its study makes ({@link StudyRules#params}), spec.json writes only
 * that kind's keys, and code that needs them asks for the kind ({@link ExperimentSpec#params(Class)}), so a value
 * that no part of the run reads is neither carried nor sealed with the run. Keys that several studies read (n0,
 * snapshotRegression) belong to {@link KernelSpec}.
 *
 * <p>Sealed, so that a switch over the kinds is checked whole by the compiler. A study added as a plug-in picks one
 * of these kinds; a study that needs keys of its own adds a kind here together with its fields in
 * {@link SpecFields}, which are one table anyway.
 */
public sealed interface StudyParams {

    /** The fields of spec.json this kind holds, in the order of {@link SpecFields#ALL}. */
    List<SpecField<?>> fields();

    /** Whether spec.json holds the key for a spec of this kind. */
    default boolean holds(String key) {
        return fields().stream().anyMatch(f -> f.key().equals(key));
    }

    /** A study with no keys of its own: scaling and pretrained, and a plug-in study unless it says otherwise. */
    record None() implements StudyParams {
        @Override
        public List<SpecField<?>> fields() {
            return List.of();
        }
    }

    /** @param widths the widths the sweep trains at, each a network of its own */
    record WidthSweep(int[] widths) implements StudyParams {
        public WidthSweep {
            widths = widths.clone();
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }

        @Override
        public List<SpecField<?>> fields() {
            return List.of(SpecFields.WIDTHS);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WidthSweep w && Arrays.equals(widths, w.widths);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(widths);
        }

        @Override
        public String toString() {
            return SpecFields.WIDTHS + " " + Arrays.toString(widths);
        }
    }

    /** @param snapshotEvery epochs between the probe-kernel snapshots */
    record Dynamics(int snapshotEvery) implements StudyParams {
        @Override
        public List<SpecField<?>> fields() {
            return List.of(SpecFields.SNAPSHOT_EVERY);
        }
    }

    /** @param grid the values of α the study trains α·(f − f₀) at */
    record Richness(double[] grid) implements StudyParams {
        public Richness {
            grid = grid.clone();
        }

        @Override
        public double[] grid() {
            return grid.clone();
        }

        @Override
        public List<SpecField<?>> fields() {
            return List.of(SpecFields.RICHNESS_GRID);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Richness r && Arrays.equals(grid, r.grid);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(grid);
        }

        @Override
        public String toString() {
            return SpecFields.RICHNESS_GRID + " " + Arrays.toString(grid);
        }
    }
}
