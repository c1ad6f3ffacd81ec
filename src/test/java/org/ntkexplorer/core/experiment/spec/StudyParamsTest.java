package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Each study's kind of {@link StudyParams} holds exactly the keys of a study's own that the study says it reads. */
class StudyParamsTest {

    private static final ExperimentSpec.Values DEFAULTS = new ExperimentSpec.Values() {
        @Override
        public <T> T get(SpecField<T> field) {
            return field.defaultValue();
        }
    };

    @Test
    void everyStudyHoldsTheOwnKeysItReadsAndNoOthers() {
        Set<String> own = SpecFields.STUDYS_OWN.stream().map(SpecField::key).collect(Collectors.toSet());
        for (StudyRules rules : Studies.all()) {
            StudyParams p = rules.params(DEFAULTS);
            Set<String> held = p.fields().stream().map(SpecField::key).collect(Collectors.toSet());
            Set<String> read = rules.keys().stream().filter(own::contains).collect(Collectors.toSet());
            assertEquals(read, held, rules.study().id());
            for (String k : own) {
                assertEquals(held.contains(k), p.holds(k), rules.study().id() + " " + k);
            }
        }
    }

    @Test
    void askingForAnotherStudysKeysIsABugNamedAsSuch() {
        ExperimentSpec scaling = ExperimentSpec.parse("{\"study\": \"scaling\"}");
        var e = assertThrows(IllegalStateException.class, () -> scaling.params(StudyParams.WidthSweep.class));
        assertEquals("a scaling spec holds None keys, not WidthSweep", e.getMessage());
        ExperimentSpec sweep = ExperimentSpec.parse("{\"study\": \"width-sweep\", \"widths\": [8, 16]}");
        assertEquals(new StudyParams.WidthSweep(new int[] {8, 16}), sweep.params(StudyParams.WidthSweep.class));
        assertFalse(sweep.toMap().containsKey(SpecFields.RICHNESS_GRID.key()));
    }
}
