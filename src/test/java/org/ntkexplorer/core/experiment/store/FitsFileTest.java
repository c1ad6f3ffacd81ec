package org.ntkexplorer.core.experiment.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.spec.Learner;

/** fits.json has one codec: what it writes it reads back whole, the offset fit included, in the same key order. */
class FitsFileTest {
    @TempDir
    Path dir;

    @Test
    void everyFieldOfEveryKindOfKeyComesBack() throws Exception {
        Map<FitKey, FitEntry> fits = new LinkedHashMap<>();
        fits.put(new FitKey.OfLearner(Learner.NETWORK, Double.NaN, Metric.TEST_MSE), new FitEntry(
                new PowerLawFitResult(0.31, 2.5, 0.97, 0.2, 0.4, 0.95, 0.45, 3.1, 0.012, 8), List.of("n=256 seed=1")));
        fits.put(new FitKey.OfLearner(Learner.ENTK_INIT, 10, Metric.TEST_ERROR), new FitEntry(
                new PowerLawFitResult(0.12, 1.5, 0.9, 0.1, 0.14, 0.95, Double.NaN, Double.NaN, Double.NaN, 4),
                List.of()));
        fits.put(new FitKey.OfWidth(WidthMeasure.values()[0]), new FitEntry(
                new PowerLawFitResult(0.5, 1, 0.99, 0.45, 0.55, 0.95, Double.NaN, Double.NaN, Double.NaN, 6),
                List.of()));
        Path file = dir.resolve("fits.json");
        FitsFile.write(file, fits);
        Map<FitKey, FitEntry> back = FitsFile.read(file);
        assertEquals(List.copyOf(fits.keySet()), List.copyOf(back.keySet()));
        assertEquals(fits, back);
        assertTrue(Files.readString(file).contains("\"offsetAlpha\" : 0.45"), Files.readString(file));
    }

    @Test
    void aFileOfAnEarlierVersionWithoutTheOffsetFitReadsItAsNaN() throws Exception {
        Path file = dir.resolve("fits.json");
        Files.writeString(file, """
                {"network/test_mse": {"alpha": 0.3, "a": 2.0, "rSquared": 0.9, "ciLow": 0.2, "ciHigh": 0.4,
                 "level": 0.95, "pointsUsed": 5, "notConverged": []}}""");
        PowerLawFitResult f = FitsFile.read(file).values().iterator().next().fit();
        assertEquals(new PowerLawFitResult(0.3, 2.0, 0.9, 0.2, 0.4, 0.95, Double.NaN, Double.NaN, Double.NaN, 5), f);
    }
}
