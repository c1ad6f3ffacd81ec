package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.ModelDescription;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Init;

/** init in the spec: he is the default and stays out of spec.json; the other laws fix the scales they name. */
class InitSpecTest {
    @Test
    void heIsTheDefaultAndIsLeftOutSoOldSealsStillMatch() {
        ExperimentSpec s = ExperimentSpec.parse("{\"study\": \"scaling\"}");
        assertEquals(Init.HE, s.init());
        assertFalse(s.toMap().containsKey("init"));
        assertEquals(Math.sqrt(2), (Double) s.toMap().get("sigmaW"), 0);
    }

    @Test
    void pytorchRoundTripsWithoutTheScalesItFixes() {
        ExperimentSpec s = ExperimentSpec.parse("{\"study\": \"scaling\", \"init\": \"pytorch\"}");
        assertEquals(Init.PYTORCH, s.init());
        assertEquals(1 / Math.sqrt(3), s.sigmaW(), 1e-15);
        Map<String, Object> m = s.toMap();
        assertEquals("pytorch", m.get("init"));
        assertFalse(m.containsKey("sigmaW") || m.containsKey("sigmaB"), m.toString());
        assertEquals(s.toJson(), ExperimentSpec.parse(s.toJson()).toJson());
    }

    @Test
    void aScaleTheLawFixesIsRefusedWithTheReason() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse(
                "{\"study\": \"scaling\", \"init\": \"lecun\", \"sigmaW\": 2}"));
        assertTrue(e.getMessage().contains("init lecun fixes σ_w"), e.getMessage());
        e = assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse(
                "{\"study\": \"scaling\", \"init\": \"pytorch\", \"sigmaB\": 0.1}"));
        assertTrue(e.getMessage().contains("σ_b does not apply"), e.getMessage());
        e = assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse(
                "{\"study\": \"scaling\", \"init\": \"xavier\"}"));
        assertTrue(e.getMessage().contains("expected he, lecun or pytorch"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelJsonStatesTheLawOfEachLayer() {
        ExperimentSpec s = ExperimentSpec.parse("{\"study\": \"scaling\", \"init\": \"pytorch\", "
                + "\"parameterization\": \"standard\", \"depth\": 1, \"width\": 4}");
        Map<String, Object> m = ModelDescription.of(s.network(4, 3, new int[] {16}), KernelKind.EMPIRICAL_NTK,
                Precision.FLOAT64, "none");
        assertEquals("pytorch", m.get("init"));
        Map<String, Object> first = ((List<Map<String, Object>>) m.get("layers")).get(0);
        assertEquals("uniform(-0.25, 0.25)", first.get("weightInit"));
        assertEquals("uniform(-0.25, 0.25)", first.get("biasInit"));
    }
}
