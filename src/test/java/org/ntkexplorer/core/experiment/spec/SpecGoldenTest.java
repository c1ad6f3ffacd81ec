package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.store.RunManifest;

/**
 * The spec's reading, writing and refusals are pinned to what they were before the spec was built from a table of
 * fields: each input under spec-golden/in (the presets and example runs as they were, edge cases, refused specs)
 * must give exactly the recorded output: spec.json text (whose hash seals a run), the derived training and network
 * settings, or the keyed problems. Regenerate only on purpose, with -Dspec.golden.write=true: that run writes every
 * output and then fails, so that rewritten outputs are reviewed before they count.
 */
class SpecGoldenTest {

    static String render(String json) {
        try {
            ExperimentSpec s = ExperimentSpec.parse(json);
            int[] shape = s.architecture().isConvolutional() ? new int[] {1, 28, 28} : new int[] {784};
            return s.toJson() + "\ntraining " + s.training() + "\nbudget " + s.budget() + "\nnetwork "
                    + s.network(s.width(), 10, shape) + "\ntransform " + s.transform() + "\nepochs " + s.epochs()
                    + "\nsha " + RunManifest.sha256(s) + "\n";
        } catch (InvalidSpecException e) {
            StringBuilder b = new StringBuilder("refused\n");
            e.keyedProblems().forEach(p -> b.append(p.key()).append(" | ").append(p.message()).append('\n'));
            return b.append(e.getMessage()).append('\n').toString();
        }
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(SpecGoldenTest.class.getResource("/org/ntkexplorer/spec-golden/in").toURI());
    }

    @Test
    void everyInputGivesItsRecordedOutput() throws Exception {
        Path src = Path.of("src/test/resources/org/ntkexplorer/spec-golden/out");
        boolean write = Boolean.getBoolean("spec.golden.write");
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir())) {
            inputs = s.sorted().toList();
        }
        assertTrue(inputs.size() >= 30, "inputs found: " + inputs.size());
        for (Path in : inputs) {
            String got = render(Files.readString(in));
            Path out = src.resolve(in.getFileName().toString().replace(".json", ".txt"));
            if (write) {
                Files.createDirectories(src);
                Files.writeString(out, got);
            } else {
                assertEquals(read(out), got, in.getFileName().toString());
            }
        }
        // A run that rewrites the outputs compares nothing: it must not pass as a check.
        assertFalse(write, "golden files rewritten (" + inputs.size() + " under " + src + "); review them with git "
                + "diff and rerun without -Dspec.golden.write");
    }

    @Test
    void theExampleRunsStillMatchTheirSeal() throws IOException {
        try (Stream<Path> runs = Files.list(Path.of("sample-data/runs"))) {
            for (Path run : runs.toList()) {
                // They were sealed by a version that wrote every study's own keys into spec.json: their seal must
                // still hold, or they could not be resumed.
                ExperimentSpec s = ExperimentSpec.read(run.resolve("spec.json"));
                RunManifest.read(run).requireSameSpec(s, run);
            }
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "(no recorded output at " + p + ")";
    }
}
