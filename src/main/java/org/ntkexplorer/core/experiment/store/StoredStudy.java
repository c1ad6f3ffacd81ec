package org.ntkexplorer.core.experiment.store;

import java.util.List;
import java.util.function.BiFunction;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Studies;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.spec.StudyRules;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * What the run folder needs to know of a study beside its rules: the tables of its own it writes, and which unit
 * wrote a row. Resume repairs those tables, merge copies them by unit, replay sends their rows.
 */
public interface StoredStudy extends StudyRules {

    /** The stored side of a registered study. */
    static StoredStudy of(Study s) {
        return Studies.of(s, StoredStudy.class);
    }

    /** The unit that wrote a row of results.csv (rows carry only the coordinates that vary in the study). */
    default UnitKey ownerOf(ResultRow r, ExperimentSpec spec) {
        return new UnitKey(r.n(), spec.width(), r.seed(), r.richness());
    }

    /**
     * Tables of its own the study writes beside the common ones: resume repairs them, merge copies them, replay
     * sends each row as an event.
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
