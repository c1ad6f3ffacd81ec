package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;

import org.junit.jupiter.api.Test;

/** The count refusal's words agree with its numbers (spec-golden/in/bad-units-* pin the many-seeds cases). */
class UnitCountTest {

    @Test
    void oneSeedIsNotPlural() {
        String widths = String.join(", ", Collections.nCopies((int) UnitCount.MAX_UNITS + 1, "8"));
        InvalidSpecException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSpecException.class,
                () -> ExperimentSpec.parse("{\"study\": \"width-sweep\", \"seeds\": 1, \"widths\": [" + widths + "]}"));
        assertTrue(e.getMessage().contains("(1 seed × 100,001 networks each)"), e.getMessage());
    }
}
