package org.ntkexplorer.core.experiment;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.data.DatasetRegistry;

/** The spec example in the README is read, parsed and checked against the bundled data, so it cannot rot. */
class ReadmeSpecTest {
    /** The indented JSON block of the "### Experiments" section. */
    static String readmeSpec() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int section = lines.indexOf("### Experiments");
        assertTrue(section >= 0, "README.md has no ### Experiments section");
        int start = section;
        while (start < lines.size() && !lines.get(start).startsWith("    {")) {
            start++;
        }
        assertTrue(start < lines.size(), "no indented JSON spec after ### Experiments in README.md");
        int end = start;
        while (end < lines.size() && !lines.get(end).strip().endsWith("}")) {
            end++;
        }
        assertTrue(end < lines.size(), "the README's JSON spec after ### Experiments never closes");
        return lines.subList(start, end + 1).stream().map(String::strip).collect(Collectors.joining("\n"));
    }

    @Test
    void readmeSpecRunsOnTheBundledSample() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(readmeSpec());
        assertEquals(DatasetRegistry.SAMPLE, spec.dataset());
        assertDoesNotThrow(() -> Preflight.check(spec, DatasetRegistry.open(spec.dataset())));
    }
}
