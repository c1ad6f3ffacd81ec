package org.ntkexplorer.core.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Everything the core knows about one study, in one place: its units, how one is computed, the problems of a spec it
 * refuses, its memory footprint, the claim it checks, and the tables of its own it writes. The runner, the preflight
 * check, the spec's validation, resume, replay and merge ask the study's definition rather than testing which study
 * it is; {@link Studies} holds every definition. A new study is a definition, a row type for its table, a view in
 * the ui and a preset (see StudyPluginTest for one kept in the tests).
 */
public interface StudyDefinition {

    Study study();

    /** Every unit of a spec, in the order one process runs them, without opening its data (a merge needs them). */
    List<UnitKey> units(ExperimentSpec spec);

    /** The computation of one run of the study. */
    StudyRun run(RunContext ctx);

    /** The estimated peak of the run's largest step. */
    RunFootprint footprint(ExperimentSpec spec, RunFootprint.Shape data);

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

    /** Whether the study sweeps the widths of {@code widths} rather than using {@code width}. */
    default boolean sweepsWidths() {
        return false;
    }

    /** The widths its networks have. */
    default int[] widths(ExperimentSpec spec) {
        return sweepsWidths() ? spec.widths() : new int[] {spec.width()};
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

    /** The claim the study checks on results.csv for one metric; null when it states none. */
    default Claims.Rule claim() {
        return null;
    }

    /**
     * Verdicts of the study's own beside its claim (the richness study's lines on both ends of the dial), from the
     * folder so far; the runner sends them after each refit and replay with the saved run. {@code running}: a live
     * run, in which rows still missing may yet come.
     */
    default List<ExperimentEvent> verdicts(RunFolder folder, boolean running) throws java.io.IOException {
        return List.of();
    }

    /** The unit that wrote a row of results.csv (rows carry only the coordinates that vary in the study). */
    default UnitKey ownerOf(ResultRow r, ExperimentSpec spec) {
        return new UnitKey(r.n(), spec.width(), r.seed(), r.richness());
    }

    /**
     * Tables of its own the study writes beside the common ones: resume repairs them, merge copies them, replay
     * sends each row as {@link ExperimentEvent.RowDone}.
     */
    default List<StudyTable<?>> tables() {
        return List.of();
    }

    /**
     * A table of a study's own: its file's row schema, and the unit that wrote a row (what a merge keeps rows by).
     */
    record StudyTable<R>(RowSchema<R> schema, BiFunction<ExperimentSpec, R, UnitKey> owner) {
    }
}
