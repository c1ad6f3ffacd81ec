package org.ntkexplorer.core.experiment.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON → {@link ExperimentSpec}, collecting every problem instead of stopping at the first. What each key is, its
 * default and its range come from {@link SpecFields}; this class holds the helpers that read one kind of value and
 * word its refusal.
 */
final class SpecReader {
    private final JsonNode root;
    private final List<InvalidSpecException.Problem> problems = new ArrayList<>();
    /** Values read so far: a field whose default depends on another reads that one first (see {@link #value}). */
    private final Map<SpecField<?>, Object> values = new HashMap<>();
    /** Fields being read, in the order asked: one asked again while on here is a cycle in the table's defaults. */
    private final Set<SpecField<?>> reading = new LinkedHashSet<>();

    /** A reader of a JSON object (package-private for tests; {@link #parse} is the way in). */
    SpecReader(JsonNode root) {
        this.root = root;
    }

    static ExperimentSpec parse(String json, String source) {
        JsonNode root;
        try {
            // A key given twice would otherwise keep its last value without a word.
            root = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InvalidSpecException.of(source, JsonProblems.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw InvalidSpecException.of(source, "must be a JSON object");
        }
        return new SpecReader(root).build(source);
    }

    private ExperimentSpec build(String source) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (SpecFields.ALL.stream().noneMatch(f -> f.key().equals(k))) {
                problem(k, "unknown key '" + k + "'");
            }
        }
        // Every key in the order of spec.json, so that problems are listed in the order a user reads the spec.
        SpecFields.ALL.forEach(this::value);
        // A field that could not be read holds its default here, so problems of combination are found together
        // with the field problems rather than after they are fixed.
        ExperimentSpec spec = ExperimentSpec.of(this::value);
        problems.addAll(spec.crossProblems());
        if (!spec.params().holds(SpecFields.RICHNESS_GRID.key()) && value(SpecFields.RICHNESS_GRID).length > 0) {
            // The other studies' own keys are let through unread, as spec.json of earlier versions held them all;
            // a grid of α was never accepted outside the richness study, and looks as if it did something.
            problem(SpecFields.RICHNESS_GRID.key(), SpecFields.RICHNESS_GRID.key()
                    + " is used by the richness study only");
        }
        problems.addAll(UnitCount.problems(spec));
        if (!problems.isEmpty()) {
            // The class list and the dataset name can only be checked against the dataset; report them with the
            // others rather than after these are fixed.
            problems.addAll(DatasetProblems.of(root));
            throw new InvalidSpecException(source, problems);
        }
        return spec;
    }

    /** The value of a field, read on first use. */
    @SuppressWarnings("unchecked")
    <T> T value(SpecField<T> f) {
        // Not computeIfAbsent: a reading may ask for another field's value, which would change the map under it.
        if (!values.containsKey(f)) {
            if (!reading.add(f)) {
                // Two defaults that each wait for the other would otherwise recurse until the stack overflows.
                throw new IllegalStateException("spec fields read each other in a cycle: " + reading.stream()
                        .map(SpecField::key).collect(Collectors.joining(" → ")) + " → " + f.key());
            }
            try {
                values.put(f, f.read(this));
            } finally {
                reading.remove(f);
            }
        }
        return (T) values.get(f);
    }

    boolean has(String key) {
        return root.has(key);
    }

    /** Whether the key is given and not null. */
    boolean hasValue(String key) {
        return root.has(key) && !root.get(key).isNull();
    }

    JsonNode node(String key) {
        return root.get(key);
    }

    void problem(String key, String message) {
        problems.add(new InvalidSpecException.Problem(key, message));
    }

    double[] positives(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return new double[0];
        }
        if (!n.isArray()) {
            problem(key, key + " must be a list of positive numbers");
            return new double[0];
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isNumber() || !(e.asDouble() > 0) || !Double.isFinite(e.asDouble())) {
                problem(key, key + "[" + i + "] must be a positive number (got " + e + ")");
            } else {
                out[i] = e.asDouble();
            }
        }
        return out;
    }

    <T> T named(String key, T fallback, Function<String, T> parse) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        try {
            return parse.apply(n.asText());
        } catch (IllegalArgumentException e) {
            problem(key, key + ": " + e.getMessage());
            return fallback;
        }
    }

    String text(String key, String fallback) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problem(key, key + " must be a non-empty string");
            return fallback;
        }
        return n.asText();
    }

    boolean bool(String key) {
        JsonNode n = root.get(key);
        if (!n.isBoolean()) {
            problem(key, key + " must be true or false");
            return false;
        }
        return n.asBoolean();
    }

    int integer(String key, int fallback, int min) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            problem(key, key + " must be a whole number (got " + n + ")");
            return fallback;
        }
        if (n.asInt() < min) {
            problem(key, key + " must be at least " + min + " (got " + n.asInt() + ")");
        }
        return n.asInt();
    }

    double number(String key, double fallback, double min, boolean minAllowed) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            problem(key, key + " must be a finite number (got " + n + ")");
            return fallback;
        }
        double v = n.asDouble();
        if (minAllowed ? v < min : v <= min) {
            problem(key, key + " must be " + (minAllowed ? "at least " : "greater than ") + min + " (got " + v + ")");
        }
        return v;
    }

    int[] ints(String key, int[] fallback, int min) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isArray()) {
            problem(key, key + " must be a list of whole numbers");
            return fallback;
        }
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || e.asInt() < min) {
                problem(key, key + "[" + i + "] must be a whole number ≥ " + min + " (got " + e + ")");
            } else {
                out[i] = e.asInt();
            }
        }
        return out;
    }
}
