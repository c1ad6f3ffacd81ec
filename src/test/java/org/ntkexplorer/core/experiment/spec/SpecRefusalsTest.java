package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.compute.InsufficientMemoryException;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.experiment.run.Preflight;

/**
 * Specs that used to run to a wrong number with exit 0, or never answer: each is refused by name, before anything
 * is trained or expanded.
 */
class SpecRefusalsTest {
    private static InvalidSpecException refused(String json) {
        return assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse(json));
    }

    @Test
    void zeroEpochsIsRefusedLikeZeroSteps() {
        InvalidSpecException e = refused("{\"study\": \"scaling\", \"epochs\": 0}");
        assertEquals("epochs", e.keyedProblems().get(0).key(), e.getMessage());
        assertTrue(e.getMessage().contains("epochs must be at least 1 (got 0)"), e.getMessage());
        // With steps as the budget, epochs 0 is the absence of an epoch budget, as before.
        assertEquals(30, ExperimentSpec.parse("{\"study\": \"scaling\", \"steps\": 30, \"epochs\": 0}").budget()
                .steps());
    }

    @Test
    void anEmptyStoppingRuleIsRefused() {
        InvalidSpecException e = refused("{\"study\": \"scaling\", \"trainUntil\": {}}");
        assertEquals("trainUntil", e.keyedProblems().get(0).key(), e.getMessage());
        assertTrue(e.getMessage().contains("trainUntil is empty"), e.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefusedByName() {
        InvalidSpecException e = refused("{\"study\": \"scaling\", \"width\": 64, \"width\": 128}");
        assertTrue(e.getMessage().contains("the key 'width' is given twice"), e.getMessage());
        InvalidSpecException nested = refused("""
                {"study": "scaling", "trainUntil": {"trainError": 0.1, "trainError": 0.2, "maxSteps": 9}}""");
        assertTrue(nested.getMessage().contains("'trainError' is given twice"), nested.getMessage());
    }

    @Test
    void aBillionSeedsIsRefusedWithTheCountAndTheLimitWithinSeconds() {
        long start = System.nanoTime();
        InvalidSpecException e = refused("{\"study\": \"scaling\", \"seeds\": 1000000000}");
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused within 5 s");
        assertTrue(e.getMessage().contains("4,000,000,000 units") && e.getMessage().contains("100,000"),
                e.getMessage());
        assertEquals("seeds", e.keyedProblems().get(0).key());
    }

    @Test
    void longGridsAreCountedWithTheSeeds() {
        StringBuilder grid = new StringBuilder("[1");
        for (int i = 2; i <= 2000; i++) {
            grid.append(", ").append(i);
        }
        String richness = grid + "]";
        InvalidSpecException e = refused("{\"study\": \"richness\", \"seeds\": 20, \"nGrid\": [10, 20, 40], "
                + "\"richnessGrid\": " + richness + "}");
        assertTrue(e.getMessage().contains("120,000 units"), e.getMessage());
        InvalidSpecException widths = refused("{\"study\": \"width-sweep\", \"seeds\": 200, \"widths\": "
                + richness + "}");
        assertTrue(widths.getMessage().contains("400,000 units"), widths.getMessage());
        // A large but possible study is not refused.
        ExperimentSpec.parse("{\"study\": \"scaling\", \"seeds\": 1000, \"nGrid\": [10, 20, 40, 80]}");
    }

    @Test
    void aClassThatDoesNotExistIsReportedWithTheOtherProblems() {
        InvalidSpecException e = refused("{\"study\": \"scaling\", \"classes\": [99], \"width\": 0, \"nTest\": 0}");
        String m = e.getMessage();
        assertTrue(m.contains("width must be at least 1") && m.contains("nTest must be at least 1"), m);
        assertTrue(m.contains("there is no class 99"), m);
        InvalidSpecException dataset = refused("{\"study\": \"scaling\", \"dataset\": \"bogus\", \"width\": 0}");
        assertTrue(dataset.getMessage().contains("unknown dataset 'bogus'"), dataset.getMessage());
    }

    @Test
    void aVeryDeepNetworkIsAdvisedToBeShallowerNotNarrower() {
        ExperimentSpec spec = ExperimentSpec.parse("{\"study\": \"scaling\", \"depth\": 100000}");
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> Preflight.check(spec, DatasetRegistry.open(DatasetRegistry.SAMPLE)));
        assertTrue(e.getMessage().contains("Use a smaller depth"), e.getMessage());
        assertFalse(e.getMessage().contains("smaller width"), e.getMessage());
    }
}
