package org.ntkexplorer.core.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ntkexplorer.core.scaling.PowerLawFitResult;

/** Reads fits.json back (the writer is {@link RunFolder#refit}); a key it does not know is skipped with a warning. */
final class FitsFile {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FitsFile.class);

    private FitsFile() {
    }

    static Map<FitKey, Fits.Entry> read(Path file) throws IOException {
        Map<FitKey, Fits.Entry> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " cannot be read (" + e.getMessage() + "); it is rebuilt from "
                    + "results.csv when the run is resumed", e);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode f = root.get(key);
            try {
                List<String> notConverged = new ArrayList<>();
                f.path("notConverged").forEach(n -> notConverged.add(n.asText()));
                PowerLawFitResult fit = new PowerLawFitResult(f.get("alpha").asDouble(), f.get("a").asDouble(),
                        f.get("rSquared").asDouble(), orNaN(f.get("ciLow")), orNaN(f.get("ciHigh")),
                        f.get("level").asDouble(), Double.NaN, Double.NaN, Double.NaN, f.get("pointsUsed").asInt());
                out.put(FitKey.parse(key), new Fits.Entry(fit, notConverged));
            } catch (RuntimeException e) {
                LOG.warn("skipped fit '{}' of {}: {}", key, file, e.getMessage());
            }
        }
        return out;
    }

    /** A missing or null end is no interval (one seed at some n), never 0. */
    private static double orNaN(JsonNode v) {
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
