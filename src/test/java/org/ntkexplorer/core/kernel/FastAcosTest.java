package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FastAcosTest {

    @Test
    void agreesWithMathAcosToTwoUlps() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int k = 0; k < 2_000_000; k++) {
            // Half uniform in [-1, 1], half crowded near ±1 where relu kernels spend most of their entries.
            double x = k % 2 == 0 ? rng.nextDouble(-1, 1) : Math.copySign(1 - Math.pow(10, -rng.nextDouble(1, 16)),
                    rng.nextDouble(-1, 1));
            double expected = Math.acos(x);
            assertTrue(Math.abs(FastAcos.acos(x) - expected) <= 2 * Math.ulp(expected), "acos(" + x + ")");
        }
    }

    @Test
    void edgesAndOutOfRange() {
        assertEquals(0, FastAcos.acos(1), 0);
        assertEquals(Math.PI, FastAcos.acos(-1), 0);
        assertEquals(Math.PI / 2, FastAcos.acos(0), 0);
        assertEquals(Math.acos(0.5), FastAcos.acos(0.5), Math.ulp(1.0));
        assertEquals(Math.acos(-0.5), FastAcos.acos(-0.5), Math.ulp(2.0));
        assertTrue(Double.isNaN(FastAcos.acos(1.0000001)));
        assertTrue(Double.isNaN(FastAcos.acos(Double.NaN)));
    }
}
