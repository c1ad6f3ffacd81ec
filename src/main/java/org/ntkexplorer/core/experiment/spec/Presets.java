package org.ntkexplorer.core.experiment.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Built-in experiments, shipped as JSON spec files under {@code /org/ntkexplorer/presets/}; index.json names them
 * and says, for teaching, what each shows and what to look for.
 */
public final class Presets {
    private static final String DIR = "/org/ntkexplorer/presets/";

    /** A named spec with a one-line summary and a short explanation. */
    public record Preset(String name, String summary, String explanation, ExperimentSpec spec) {
    }

    private static final List<Preset> ALL = load();

    private Presets() {
    }

    public static List<Preset> all() {
        return ALL;
    }

    public static Optional<Preset> find(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    private static List<Preset> load() {
        List<Preset> out = new ArrayList<>();
        try {
            JsonNode index = new ObjectMapper().readTree(resource("index.json"));
            for (JsonNode e : index) {
                String file = e.get("file").asText();
                ExperimentSpec spec = SpecReader.parse(resource(file), "preset " + file);
                out.add(new Preset(e.get("name").asText(), e.get("summary").asText(), e.get("explanation").asText(),
                        spec));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in presets cannot be read", e);
        }
        return List.copyOf(out);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Presets.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("missing resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
