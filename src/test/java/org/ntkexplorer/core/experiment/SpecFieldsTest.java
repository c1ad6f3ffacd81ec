package org.ntkexplorer.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The table of fields is the spec: its keys are what spec.json holds, and its defaults what a bare spec has. */
class SpecFieldsTest {

    private static <T> String textOf(SpecField<T> f, ExperimentSpec spec) {
        return f.text(f.get(spec));
    }

    @Test
    void everyDefaultOfTheTableIsTheValueOfASpecThatGivesOnlyItsStudy() {
        ExperimentSpec d = ExperimentSpec.defaults();
        for (SpecField<?> f : SpecFields.ALL) {
            assertEquals(f.defaultText(), textOf(f, d), f.key());
        }
        for (SpecField<?> f : SpecFields.RULE) {
            assertEquals(f.defaultText(), textOf(f, d), f.key());
        }
    }

    @Test
    void theWrittenKeysAreTheTablesInItsOrder() {
        // He (the default) is not written, and a budget writes one of epochs, steps, trainUntil.
        ExperimentSpec s = ExperimentSpec.parse("""
                {"study": "scaling", "trainUntil": {"trainError": 0.1, "maxSteps": 20}}""");
        List<String> written = List.copyOf(s.toMap().keySet());
        List<String> table = SpecFields.ALL.stream().map(SpecField::key)
                .filter(k -> !List.of(SpecFields.INIT.key(), SpecFields.EPOCHS.key(), SpecFields.STEPS.key()).contains(k))
                .toList();
        assertEquals(table, written);
    }

    @Test
    void keysAreUniqueAndEveryFieldTheFormShowsHasALabelAndHelp() {
        Set<String> seen = new HashSet<>();
        for (SpecField<?> f : SpecFields.ALL) {
            assertTrue(seen.add(f.key()), "twice: " + f.key());
            if (f != SpecFields.TRAIN_UNTIL) {
                assertTrue(!f.help().isBlank() && !f.label().equals(f.key()), f.key());
            }
        }
    }

    @Test
    void anUnknownKeyIsRefusedByTheTable() {
        InvalidSpecException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSpecException.class,
                () -> ExperimentSpec.parse("{\"study\": \"scaling\", \"widht\": 3}"));
        assertEquals("widht", e.keyedProblems().get(0).key());
        assertEquals("unknown key 'widht'", e.keyedProblems().get(0).message());
    }
}
