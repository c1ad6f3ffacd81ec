package org.ntkexplorer.core.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.run.StudyDefinition;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;

class ClaimsTest {
    private static List<ResultRow> rows(double network, double kernel) {
        List<ResultRow> out = new ArrayList<>();
        for (int n : new int[] {64, 128, 256, 512}) {
            for (long seed = 0; seed < 3; seed++) {
                double wobble = 1 + 0.05 * ((seed * 7 + n) % 5 - 2);
                out.add(ResultRow.ofTest(Learner.NETWORK, n, seed, wobble * Math.pow(n, -network), 0.1));
                out.add(ResultRow.ofTest(Learner.ENTK_INIT, n, seed, wobble * 1.1 * Math.pow(n, -kernel), 0.1));
            }
        }
        return out;
    }

    @Test
    void aClearlySteeperNetworkSupportsClaimOne() {
        Claims.Check c = StudyDefinition.of(Study.SCALING).claim().check(rows(0.5, 0.2), Metric.TEST_ERROR).orElseThrow();
        assertEquals(Claims.Verdict.SUPPORTS, c.verdict());
        assertEquals("supports claim 1", c.verdictText());
        Claims.Difference d = c.differences().get(0);
        assertEquals(0.3, d.d().value(), 1e-9);
        assertTrue(d.describe().startsWith("network α − entk-init α = 0.300 ["), d.describe());
    }

    @Test
    void equalExponentsDoNotSupportItAndAShallowerNetworkContradictsIt() {
        assertEquals(Claims.Verdict.DOES_NOT_SUPPORT, StudyDefinition.of(Study.SCALING).claim().check(rows(0.3, 0.3),
                Metric.TEST_ERROR).orElseThrow().verdict());
        assertEquals(Claims.Verdict.CONTRADICTS, StudyDefinition.of(Study.SCALING).claim().check(rows(0.1, 0.4),
                Metric.TEST_ERROR).orElseThrow().verdict());
    }

    @Test
    void oneSeedPerSizeCannotTestTheClaim() {
        List<ResultRow> one = rows(0.5, 0.2).stream().filter(r -> r.seed() == 0).toList();
        Claims.Check c = StudyDefinition.of(Study.SCALING).claim().check(one, Metric.TEST_ERROR).orElseThrow();
        assertEquals(Claims.Verdict.CANNOT_TEST, c.verdict());
        assertEquals("cannot yet test claim 1: it needs ≥ 2 seeds at every n", c.verdictText());
        assertEquals("network α − entk-init α = 0.300", c.differences().get(0).describe());
    }

    @Test
    void otherStudiesStateNoClaimHere() {
        assertNull(StudyDefinition.of(Study.DYNAMICS).claim());
    }
}
