package org.ntkexplorer.ui.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.spec.Study;

/** The form's view-model: every spec field, exact round trips, problems keyed by field in the form's words. */
class FormModelTest {
    @Test
    void everySpecKeyHasAField() {
        ExperimentSpec full = ExperimentSpec.parse("""
                {"study": "scaling", "trainUntil": {"trainError": 0.01, "maxSteps": 100}, "richness": 2}""");
        for (String key : full.toMap().keySet()) {
            if (!key.equals("trainUntil")) {
                assertTrue(FormField.ofKey(key).isPresent(), "no field for spec key " + key);
            }
        }
        for (String rule : new String[] {"trainError", "trainLoss", "maxSteps"}) {
            assertTrue(FormField.ofKey("trainUntil." + rule).isPresent(), rule);
        }
        assertTrue(FormField.ofKey("steps").isPresent() && FormField.ofKey("epochs").isPresent());
    }

    /** The form's sections are its own (they moved out of the core's SpecFields with the same keys in them). */
    @Test
    void theAdvancedSectionHoldsTheSettingsMostRunsLeave() {
        java.util.Set<String> advanced = new java.util.TreeSet<>();
        for (FormField f : FormField.values()) {
            if (f.advanced()) {
                advanced.add(f.key());
            }
        }
        assertEquals(new java.util.TreeSet<>(java.util.List.of("preprocessing", "sigmaW", "sigmaB", "momentum",
                "weightDecay", "loss", "schedule", "ridge", "dtype", "snapshotEvery", "snapshotRegression",
                "saveKernels", "centered", "richness")), advanced);
    }

    @Test
    void everyPresetGoesThroughTheFormUnchanged() {
        FormModel m = new FormModel();
        for (Presets.Preset p : Presets.all()) {
            m.setSpec(p.spec());
            ExperimentSpec back = m.validate();
            assertNotNull(back, p.name() + ": " + m.problems());
            Map<String, Object> want = new java.util.LinkedHashMap<>(p.spec().toMap());
            Map<String, Object> got = new java.util.LinkedHashMap<>(back.toMap());
            for (FormField f : FormField.values()) {
                if (!f.usedBy(p.spec().study())) {
                    // A study ignores what it does not use; the spec keeps the reader's default there.
                    want.remove(f.key());
                    got.remove(f.key());
                }
            }
            assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(want),
                    new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(got), p.name());
        }
    }

    @Test
    void roundedNumbersKeepTheirExactValueUntilEdited() {
        FormModel m = new FormModel();
        m.setSpec(ExperimentSpec.parse("{\"study\": \"scaling\"}"));
        assertEquals("1.41421", m.sigmaW.get());
        assertEquals(Math.sqrt(2), m.validate().sigmaW());
        m.sigmaW.set("1.5");
        assertEquals(1.5, m.validate().sigmaW());
    }

    @Test
    void widthIsAnyWholeNumber() {
        FormModel m = new FormModel();
        m.width.set("100");
        assertEquals(100, m.validate().width());
    }

    @Test
    void problemsAreKeyedByFieldAndWordedInTheFormsLabels() {
        FormModel m = new FormModel();
        m.nGrid.set("64, abc");
        m.nTest.set("-3");
        assertNull(m.validate());
        assertEquals("Training-set sizes n: 'abc' is not a whole number", m.problems().get(FormField.N_GRID));
        m.nGrid.set("64, 128");
        m.validate();
        assertEquals("Test examples must be at least 1 (got -3)", m.problems().get(FormField.N_TEST));
        assertEquals(1, m.problems().size(), m.problems().toString());
    }

    @Test
    void fieldsTheStudyDoesNotUseNeverBlockIt() {
        FormModel m = new FormModel();
        m.study.set(Study.SCALING);
        m.widths.set("abc");
        m.richnessGrid.set("x");
        m.snapshotEvery.set("");
        assertNotNull(m.validate(), m.problems().toString());
        m.study.set(Study.WIDTH_SWEEP);
        assertNull(m.validate());
        assertEquals("Sweep widths: 'abc' is not a whole number", m.problems().get(FormField.WIDTHS));
        assertEquals(1, m.problems().size(), m.problems().toString());
    }

    @Test
    void theBudgetIsEpochsStepsOrAStoppingRule() {
        FormModel m = new FormModel();
        m.budget.set(FormModel.Budget.UNTIL);
        m.trainError.set("0.02");
        m.maxSteps.set("500");
        ExperimentSpec s = m.validate();
        assertNotNull(s, m.problems().toString());
        assertEquals("until train error ≤ 0.02, at most 500 steps", s.budget().describe());
        m.maxSteps.set("");
        assertNull(m.validate());
        assertTrue(m.problems().containsKey(FormField.MAX_STEPS), m.problems().toString());
        m.budget.set(FormModel.Budget.STEPS);
        m.steps.set("300");
        assertEquals(300, m.validate().budget().steps());
    }

    @Test
    void theFormWritesTheRuleAndTheSigmasAsTheSpecDoes() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        FormModel m = new FormModel();
        m.budget.set(FormModel.Budget.UNTIL);
        m.trainError.set("0.02");
        m.trainLoss.set("x");
        m.maxSteps.set("0");
        // An unreadable target is left out of the rule; a cap the spec refuses is still sent, so that it is refused.
        assertEquals("{\"trainError\":0.02,\"maxSteps\":0}", json.readTree(FormSpec.json(m)).get("trainUntil")
                .toString());
        assertNull(m.validate());
        assertEquals(FormField.TRAIN_LOSS.label() + ": 'x' is not a number", m.problems().get(FormField.TRAIN_LOSS));
        assertTrue(m.problems().containsKey(FormField.MAX_STEPS), m.problems().toString());
        m.trainLoss.set("");
        m.maxSteps.set("500");
        ExperimentSpec s = m.validate();
        assertNotNull(s, m.problems().toString());
        assertEquals(json.writeValueAsString(s.toMap().get("trainUntil")),
                json.readTree(FormSpec.json(m)).get("trainUntil").toString());
        // A law that fixes σ_w (lecun), or σ_w and σ_b (pytorch), leaves those out, as spec.json does.
        m.init.set(org.ntkexplorer.core.model.Init.LECUN);
        assertTrue(!json.readTree(FormSpec.json(m)).has("sigmaW") && json.readTree(FormSpec.json(m)).has("sigmaB"));
        m.init.set(org.ntkexplorer.core.model.Init.PYTORCH);
        assertTrue(!json.readTree(FormSpec.json(m)).has("sigmaW") && !json.readTree(FormSpec.json(m)).has("sigmaB"));
        // A spec without an epoch budget shows the table's default in the epochs field.
        m.setSpec(ExperimentSpec.parse("{\"study\": \"scaling\", \"steps\": 300}"));
        assertEquals("20", m.epochs.get());
    }
}
