package org.ntkexplorer.core.experiment.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.SpecFields;

/**
 * run.json: the seal of a run folder. It keeps the spec the run started with and its SHA-256, so that resuming
 * after spec.json was edited is refused with the keys that differ (rows of two settings must never mix in one
 * fit), and the shard this folder holds, if it is one.
 *
 * @param shard null for a whole run
 */
public record RunManifest(String specSha256, JsonNode spec, Shard shard) {
    public static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Shard {@code index} of {@code count} (from 0): it runs the units whose position modulo count is index. */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: K/N needs "
                        + "0 ≤ K < N");
            }
        }

        public String describe() {
            return index + "/" + count;
        }
    }

    public static RunManifest of(ExperimentSpec spec, Shard shard) {
        return new RunManifest(sha256(spec), JSON.valueToTree(spec.toMap()), shard);
    }

    public static String sha256(ExperimentSpec spec) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(spec.toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 2);
        root.put("specSha256", specSha256);
        if (shard != null) {
            ObjectNode s = root.putObject("shard");
            s.put("index", shard.index());
            s.put("count", shard.count());
        }
        root.set("spec", spec);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The folder's manifest, or null for a folder written before manifests existed. */
    public static RunManifest read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException(f + " cannot be read (" + e.getMessage() + "); it seals the run's spec, so the "
                    + "run cannot be resumed safely. Start a new run folder", e);
        }
        JsonNode s = root.get("shard");
        Shard shard = s == null || s.isNull() ? null : new Shard(s.get("index").asInt(), s.get("count").asInt());
        return new RunManifest(root.path("specSha256").asText(), root.get("spec"), shard);
    }

    /** Refuses {@code current} (spec.json as it is now) when it is not the spec the run was started with. */
    public void requireSameSpec(ExperimentSpec current, Path dir) {
        if (sha256(current).equals(specSha256)) {
            return;
        }
        JsonNode now = JSON.valueToTree(current.toMap());
        // spec.json of earlier versions held every study's own keys; a value the run never read did not shape its
        // rows, so a seal that holds one this spec leaves out still seals it.
        Predicate<String> unread = k -> !now.has(k) && unreadBy(current).test(k);
        List<String> diff = differences(spec, now, unread);
        if (diff.isEmpty()) {
            return;
        }
        throw new IllegalStateException(dir.resolve(RunFolder.SPEC_FILE) + " was changed after the run started ("
                + String.join("; ", diff) + "). Resuming would mix results of two settings in one fit: put spec.json "
                + "back, or start the changed spec in a new folder");
    }

    /** The keys of another study's own: a spec of {@code spec}'s study never reads them. */
    public static Predicate<String> unreadBy(ExperimentSpec spec) {
        return k -> SpecFields.STUDYS_OWN.stream().anyMatch(f -> f.key().equals(k)) && !spec.params().holds(k);
    }

    public static List<String> differences(JsonNode sealed, JsonNode now) {
        List<String> out = differences(sealed, now, k -> false);
        return out.isEmpty() ? List.of("the spec's text differs") : out;
    }

    /** The keys whose values differ, less those {@code ignored}. */
    private static List<String> differences(JsonNode sealed, JsonNode now, Predicate<String> ignored) {
        TreeSet<String> keys = new TreeSet<>();
        sealed.fieldNames().forEachRemaining(keys::add);
        now.fieldNames().forEachRemaining(keys::add);
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            JsonNode a = sealed.get(k);
            JsonNode b = now.get(k);
            if (!ignored.test(k) && (a == null || b == null || !same(a, b))) {
                out.add(k + " was " + text(a) + ", now " + text(b));
            }
        }
        return out;
    }

    /**
     * Equal values, whatever their JSON number type: a spec read back from spec.json holds 60 as an int where the
     * sealed copy may hold a long, and JsonNode.equals calls those different ("steps was 60, now 60").
     */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() || a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k) || !same(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String text(JsonNode n) {
        return n == null ? "absent" : n.toString();
    }

    /** The sealed spec as a map, for the merge of shards to compare. */
    public Map<String, JsonNode> specFields() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }
}
