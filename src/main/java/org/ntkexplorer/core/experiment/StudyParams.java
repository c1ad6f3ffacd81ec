package org.ntkexplorer.core.experiment;

/**
 * The keys of a spec that belong to one kind of study (those of {@link SpecField.Part#STUDY_PARAMS}), typed per
 * kind, so that code for a width sweep sees its widths and nothing of a richness grid. Which kind a spec has is
 * asked of its study's definition, not of which study it is.
 */
public sealed interface StudyParams {

    /** Probe-kernel snapshots of studies that train at each n (scaling). */
    record Snapshots(boolean snapshotRegression, boolean saveKernels) implements StudyParams {
    }

    /** The pre-trained network's training-set size, and its probe-kernel snapshots. */
    record Pretrained(int n0, boolean snapshotRegression, boolean saveKernels) implements StudyParams {
    }

    /** Kernel snapshots every so many epochs while one network trains. */
    record Dynamics(int snapshotEvery, boolean snapshotRegression, boolean saveKernels) implements StudyParams {
    }

    /** The widths a width sweep trains at. */
    record WidthSweep(int[] widths) implements StudyParams {
        public WidthSweep {
            widths = widths.clone();
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }
    }

    /** The output scales α a richness study trains at. */
    record Richness(double[] richnessGrid) implements StudyParams {
        public Richness {
            richnessGrid = richnessGrid.clone();
        }

        @Override
        public double[] richnessGrid() {
            return richnessGrid.clone();
        }
    }

    /** The parameters of a spec's study, by what its definition reads. */
    static StudyParams of(ExperimentSpec spec) {
        StudyDefinition def = Studies.of(spec.study());
        if (def.sweepsWidths()) {
            return new WidthSweep(spec.widths());
        }
        if (def.richnessGrid()) {
            return new Richness(spec.richnessGrid());
        }
        if (def.pretrains()) {
            return new Pretrained(spec.n0(), spec.snapshotRegression(), spec.saveKernels());
        }
        if (def.keys().contains(SpecFields.SNAPSHOT_EVERY.key())) {
            return new Dynamics(spec.snapshotEvery(), spec.snapshotRegression(), spec.saveKernels());
        }
        return new Snapshots(spec.snapshotRegression(), spec.saveKernels());
    }
}
