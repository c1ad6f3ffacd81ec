package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Presets;

class PresetGuideTest {

    @Test
    void theQuickPresetOfAFullOrA60kRunIsAQuickOneOfTheSameArchitecture() {
        // "scaling-mlp-60k".replace("-full", "-quick") is itself: the banner offered to start the 88-minute run as
        // "the quick preset".
        for (String name : new String[] {"scaling-mlp-60k", "scaling-myrtle-60k", "scaling-myrtle-full"}) {
            ExperimentSpec spec = Presets.find(name).orElseThrow().spec();
            Presets.Preset quick = PresetGuide.quickFor(spec).orElseThrow();
            assertTrue(quick.name().endsWith("-quick"), name + " → " + quick.name());
            assertEquals(spec.architecture(), quick.spec().architecture(), name + " → " + quick.name());
            assertEquals(spec.study(), quick.spec().study(), name + " → " + quick.name());
        }
    }
}
