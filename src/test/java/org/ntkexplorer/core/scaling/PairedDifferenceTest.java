package org.ntkexplorer.core.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {
    /** loss = n^(−α) times a per-seed factor shared by both learners, and a little noise of each learner's own. */
    private static List<ScalingPoint> learner(double alpha, double noise, long noiseSeed) {
        java.util.Random r = new java.util.Random(noiseSeed);
        List<ScalingPoint> out = new ArrayList<>();
        for (int n : new int[] {64, 128, 256, 512}) {
            for (long seed = 0; seed < 4; seed++) {
                double shared = 1 + 0.3 * Math.sin(seed * 1.7 + n);
                out.add(new ScalingPoint(n, seed, shared * Math.pow(n, -alpha) * (1 + noise * r.nextGaussian())));
            }
        }
        return out;
    }

    @Test
    void theDifferenceIsTheDifferenceOfTheFitsAndItsIntervalHoldsIt() {
        List<ScalingPoint> a = learner(0.5, 0.02, 1);
        List<ScalingPoint> b = learner(0.3, 0.02, 2);
        PairedDifference d = PairedDifference.of(a, b, 1000, 0.95, 0);
        PowerLawFit plain = new PowerLawFit(0, 0.95, 0, false);
        assertEquals(plain.fit(a).alpha() - plain.fit(b).alpha(), d.value(), 1e-12);
        assertTrue(d.low() < d.value() && d.value() < d.high(), d.toString());
        assertTrue(d.low() > 0.1 && d.high() < 0.3, d.toString());
        assertEquals(16, d.pairs());
        assertEquals(d, PairedDifference.of(a, b, 1000, 0.95, 0), "the same rows give the same interval");
    }

    @Test
    void equalExponentsGiveAnIntervalAroundZero() {
        PairedDifference d = PairedDifference.of(learner(0.4, 0.05, 3), learner(0.4, 0.05, 4), 1000, 0.95, 0);
        assertTrue(d.low() < 0 && d.high() > 0, d.toString());
    }

    @Test
    void onlyRunsMeasuredForBothLearnersArePaired() {
        List<ScalingPoint> a = learner(0.5, 0, 1);
        List<ScalingPoint> b = learner(0.3, 0, 1).subList(0, 4);
        assertNull(PairedDifference.of(a, b, 10, 0.95, 0), "one size in common cannot give a slope");
    }
}
