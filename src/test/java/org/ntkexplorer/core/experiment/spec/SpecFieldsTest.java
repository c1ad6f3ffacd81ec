package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.TrainingBudget;

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
    void aBareSpecHasTheDocumentedDefaults() {
        // Written out here, not taken from the table: a default changed in the table must fail this test.
        Map<SpecField<?>, Object> expected = new LinkedHashMap<>();
        expected.put(SpecFields.LEARNING_RATE, 0.1);
        expected.put(SpecFields.WIDTH, 512);
        expected.put(SpecFields.DEPTH, 2);
        expected.put(SpecFields.SEEDS, 3);
        expected.put(SpecFields.N_TEST, 1000);
        expected.put(SpecFields.INIT, Init.HE);
        expected.put(SpecFields.EPOCHS, 20);
        ExperimentSpec bare = ExperimentSpec.parse("{\"study\": \"scaling\"}");
        expected.forEach((f, v) -> {
            assertEquals(v, f.get(bare), f.key());
            assertEquals(v, f.defaultValue(), f.key());
        });
        assertEquals(0.1, bare.learningRate());
        assertEquals(512, bare.width());
        assertEquals(2, bare.depth());
        assertEquals(3, bare.seeds());
        assertEquals(1000, bare.nTest());
        assertEquals(Init.HE, bare.init());
        assertEquals(TrainingBudget.ofEpochs(20), bare.budget());
    }

    @Test
    void fieldsWhoseDefaultsWaitForEachOtherAreNamedNotOverflowed() throws Exception {
        List<SpecField<Integer>> pair = new ArrayList<>();
        pair.add(SpecField.custom("first", 0, r -> r.value(pair.get(1)), s -> 0, s -> 0));
        pair.add(SpecField.custom("second", 0, r -> r.value(pair.get(0)), s -> 0, s -> 0));
        SpecReader reader = new SpecReader(new ObjectMapper().readTree("{}"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.value(pair.get(0)));
        assertEquals("spec fields read each other in a cycle: first → second → first", e.getMessage());
    }

    @Test
    void theWrittenKeysAreTheTablesInItsOrder() {
        // He (the default) is not written, a budget writes one of epochs, steps, trainUntil, and a scaling study
        // holds none of the keys of another study's own.
        ExperimentSpec s = ExperimentSpec.parse("""
                {"study": "scaling", "trainUntil": {"trainError": 0.1, "maxSteps": 20}}""");
        List<String> written = List.copyOf(s.toMap().keySet());
        List<String> table = SpecFields.ALL.stream().map(SpecField::key)
                .filter(k -> !List.of(SpecFields.INIT.key(), SpecFields.EPOCHS.key(), SpecFields.STEPS.key(),
                        SpecFields.WIDTHS.key(), SpecFields.SNAPSHOT_EVERY.key(), SpecFields.RICHNESS_GRID.key())
                        .contains(k))
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
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> ExperimentSpec.parse("{\"study\": \"scaling\", \"widht\": 3}"));
        assertEquals("widht", e.keyedProblems().get(0).key());
        assertEquals("unknown key 'widht'", e.keyedProblems().get(0).message());
    }
}
