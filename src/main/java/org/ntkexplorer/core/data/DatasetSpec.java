package org.ntkexplorer.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * A parsed dataset spec: {@code kind[:argument][?key=value&key=value]}, e.g. {@code npz:/data/x.npz?x=images}
 * or {@code teacher-student?d=64}. Only the first ':' separates, so Windows paths survive.
 */
record DatasetSpec(String text, String kind, String argument, Map<String, String> params) {
    static DatasetSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new DatasetException(Problem.BAD_SPEC, null, "empty dataset spec; try 'fashion-mnist-sample'");
        }
        String t = text.strip();
        int q = t.indexOf('?');
        String base = q < 0 ? t : t.substring(0, q);
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : t.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new DatasetException(Problem.BAD_SPEC, null, "'" + pair + "' in dataset spec '" + t
                            + "' is not key=value");
                }
                params.put(pair.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), pair.substring(eq + 1).strip());
            }
        }
        int colon = base.indexOf(':');
        String kind = (colon < 0 ? base : base.substring(0, colon)).strip().toLowerCase(java.util.Locale.ROOT);
        String argument = colon < 0 ? "" : base.substring(colon + 1).strip();
        return new DatasetSpec(t, kind, argument, Map.copyOf(params));
    }

    DatasetException bad(String message) {
        return new DatasetException(Problem.BAD_SPEC, null, "dataset spec '" + text + "': " + message);
    }

    /** Refuses parameters this kind does not know, so a typo is not silently ignored. */
    void allowOnly(List<String> known) {
        for (String k : params.keySet()) {
            if (!known.contains(k)) {
                throw bad("unknown parameter '" + k + "'; " + kind + " takes " + String.join(", ", known));
            }
        }
    }

    boolean has(String key) {
        return params.containsKey(key);
    }

    String string(String key, String fallback) {
        return params.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback, int min) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw bad(key + " must be at least " + min + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(key + " must be an integer, not '" + v + "'");
        }
    }

    long longValue(String key, long fallback) {
        String v = params.get(key);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key + " must be an integer, not '" + v + "'");
        }
    }

    double real(String key, double fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double x = Double.parseDouble(v);
            if (!Double.isFinite(x)) {
                throw bad(key + " must be finite, not " + v);
            }
            return x;
        } catch (NumberFormatException e) {
            throw bad(key + " must be a number, not '" + v + "'");
        }
    }

    boolean bool(String key, boolean fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw bad(key + " must be true or false, not '" + v + "'");
        };
    }
}
