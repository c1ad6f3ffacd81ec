package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

class FitSummaryTest {
    private static PowerLawFitResult fit(double alpha, double low, double high) {
        return new PowerLawFitResult(alpha, 1, 0.9, low, high, 0.95, Double.NaN, Double.NaN, Double.NaN, 6);
    }

    @Test
    void fitsAreOrderedByLearnerThenMetricAndPointIntervalsAreNotPrinted() {
        Map<String, PowerLawFitResult> fits = new HashMap<>();
        fits.put("nngp/test_mse", fit(0.1, 0.05, 0.15));
        fits.put("network/test_mse", fit(0.3, 0.3, 0.3));
        fits.put("entk-init/test_error", fit(0.2, 0.1, 0.3));
        fits.put("network/test_error", fit(-0.0001, 0, 0));
        fits.put("width-sweep/test_error", fit(0.04, 0.02, 0.05));
        fits.put("width-sweep/distance_to_infinite", fit(0.6, 0.5, 0.7));
        List<String> lines = FitSummary.lines(fits);
        assertEquals(List.of("network/test_error", "network/test_mse", "entk-init/test_error", "nngp/test_mse",
                "width-sweep/distance_to_infinite", "width-sweep/test_error"),
                lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList());
        assertEquals("network/test_mse                 alpha = 0.300  no interval: one seed per n  (6 points)",
                lines.get(1));
        assertEquals("nngp/test_mse                    alpha = 0.100  [0.050, 0.150]  (6 points)", lines.get(3));
    }
}
