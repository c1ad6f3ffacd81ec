package org.ntkexplorer.core.experiment.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.ntkexplorer.core.scaling.PowerLawFitResult;

/**
 * fits.json, written and read here alone: one object per {@link FitKey} holding every field of its
 * {@link PowerLawFitResult} and the networks that did not converge. A number that is not one (NaN: an offset fit not
 * made) is written as null; a field missing from a file of an earlier version reads as NaN. A key the reader does
 * not know is skipped with a warning.
 */
final class FitsFile {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FitsFile.class);

    private FitsFile() {
    }

    /** Replaces {@code file} atomically with the fits, keys in the map's order. */
    static void write(Path file, Map<FitKey, FitEntry> fits) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<FitKey, FitEntry> e : fits.entrySet()) {
            PowerLawFitResult f = e.getValue().fit();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alpha", number(f.alpha()));
            m.put("a", number(f.a()));
            m.put("rSquared", number(f.rSquared()));
            m.put("ciLow", number(f.ciLow()));
            m.put("ciHigh", number(f.ciHigh()));
            m.put("level", number(f.level()));
            m.put("offsetAlpha", number(f.offsetAlpha()));
            m.put("offsetA", number(f.offsetA()));
            m.put("c", number(f.c()));
            m.put("pointsUsed", f.pointsUsed());
            m.put("notConverged", e.getValue().notConverged());
            out.put(e.getKey().id(), m);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out),
                StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<FitKey, FitEntry> read(Path file) throws IOException {
        Map<FitKey, FitEntry> out = new LinkedHashMap<>();
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
                PowerLawFitResult fit = new PowerLawFitResult(required(f, "alpha"), required(f, "a"),
                        required(f, "rSquared"), required(f, "ciLow"), required(f, "ciHigh"), required(f, "level"),
                        optional(f, "offsetAlpha"), optional(f, "offsetA"), optional(f, "c"),
                        f.get("pointsUsed").asInt());
                out.put(FitKey.parse(key), new FitEntry(fit, notConverged));
            } catch (RuntimeException e) {
                LOG.warn("skipped fit '{}' of {}: {}", key, file, e.getMessage());
            }
        }
        return out;
    }

    private static Double number(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** A field every version wrote; null stands for NaN. */
    private static double required(JsonNode f, String name) {
        JsonNode n = f.get(name);
        if (n == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return n.isNull() ? Double.NaN : n.asDouble();
    }

    /** A field earlier versions did not write: NaN when it is missing or null. */
    private static double optional(JsonNode f, String name) {
        JsonNode n = f.get(name);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }
}
