package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.model.Init;

/** Every preset's help names the initialisation its spec uses; the realistic MLP presets use the held-out winner. */
class PresetInitTest {
    @Test
    void eachPresetStatesItsInit() {
        for (Presets.Preset p : Presets.all()) {
            String init = "init " + p.spec().init().id();
            assertTrue(p.explanation().contains(init), p.name() + " says '" + init + "': " + p.explanation());
        }
    }

    @Test
    void theRealisticMlpPresetsUseTheHeldOutWinner() {
        for (String name : new String[] {"scaling-mlp-quick", "scaling-mlp-full", "pretrained-mlp-quick",
                "pretrained-mlp-full", "dynamics-mlp-quick", "dynamics-mlp-full"}) {
            ExperimentSpec s = Presets.find(name).orElseThrow().spec();
            assertEquals(Init.PYTORCH, s.init(), name);
            assertEquals(0.03, s.training().learningRate(), 0, name);
        }
    }
}
