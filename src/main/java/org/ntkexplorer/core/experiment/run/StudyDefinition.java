package org.ntkexplorer.core.experiment.run;

import java.util.List;
import org.ntkexplorer.core.experiment.analysis.Claims;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Studies;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.spec.StudyProvider;
import org.ntkexplorer.core.experiment.spec.StudyRules;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.StoredStudy;

/**
 * Everything the core knows about one study, in one place: its rules (units, keys, the problems of a spec it
 * refuses, {@link StudyRules}), the tables of its own it writes ({@link StoredStudy}), and here how one run is
 * computed, its memory footprint and the claim it checks. The runner, the preflight check, the spec's validation,
 * resume, replay and merge ask the study rather than testing which study it is; {@link Studies} holds every study.
 * Each layer sees only the side of a study it needs, so the spec and the store do not depend on the runner. A new
 * study is a definition, a row type for its table, a view in the ui and a preset (see StudyPluginTest for one kept
 * in the tests); it is found through a {@link StudyProvider}.
 */
public interface StudyDefinition extends StoredStudy {

    /** The full definition of a registered study. */
    static StudyDefinition of(Study s) {
        return Studies.of(s, StudyDefinition.class);
    }

    /** The computation of one run of the study. */
    StudyRun run(RunContext ctx);

    /** The estimated peak of the run's largest step. */
    RunFootprint footprint(ExperimentSpec spec, RunFootprint.Shape data);

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
}
