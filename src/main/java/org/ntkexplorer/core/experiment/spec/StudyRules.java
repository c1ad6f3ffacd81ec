package org.ntkexplorer.core.experiment.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the spec needs to know of a study to read and check a spec: its units, its sizes and widths, the keys it reads
 * and the problems of combination it adds. The study's full definition (StudyDefinition, in the run package) extends
 * this with what the store and the runner need; {@link Studies} holds every study by its rules.
 */
public interface StudyRules {

    Study study();

    /** Every unit of a spec, in the order one process runs them, without opening its data (a merge needs them). */
    List<UnitKey> units(ExperimentSpec spec);

    /**
     * Whether the study fits a power law over nGrid: then every size of nGrid is trained at and nGrid needs two
     * distinct sizes; otherwise only its first size is used.
     */
    default boolean scalingLaw() {
        return false;
    }

    /** Whether the study trains at each α of richnessGrid (the richness study); other studies refuse the key. */
    default boolean richnessGrid() {
        return false;
    }

    /** Whether the study always pre-trains a network on n0 examples, whatever its learners. */
    default boolean pretrains() {
        return false;
    }

    /**
     * The keys of its own a spec of this study holds, made from the values read ({@link StudyParams}: a study picks
     * one kind, so spec.json holds no key of another study's).
     */
    default StudyParams params(ExperimentSpec.Values values) {
        return new StudyParams.None();
    }

    /** The widths its networks have: a width sweep's widths, or the network's one width. */
    default int[] widths(ExperimentSpec spec) {
        return spec.params() instanceof StudyParams.WidthSweep w ? w.widths() : new int[] {spec.width()};
    }

    /** The training-set sizes its networks train at. */
    default int[] sizes(ExperimentSpec spec) {
        return scalingLaw() ? Arrays.stream(spec.nGrid()).distinct().sorted().toArray() : new int[] {spec.nGrid()[0]};
    }

    /**
     * The spec keys it reads of those that only some studies read (width, widths, learners, n0, ridge, richness,
     * richnessGrid, snapshotEvery, snapshotRegression, saveKernels); the form shows just these of them, and leaves
     * the others out of the spec.
     */
    default Set<String> keys() {
        return SpecFields.keys(SpecFields.WIDTH);
    }

    /** Problems of combination this study adds to the spec's own, keyed by the field to change. */
    default List<InvalidSpecException.Problem> problems(ExperimentSpec spec) {
        return List.of();
    }
}
