package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A spec key is spelled in one place, {@link SpecFields}: the files that read, write, check or show a spec name keys
 * through the table. (Words such as "width" still name CSV columns and model.json fields elsewhere; those files are
 * not the spec's.)
 */
class SpecKeySpellingTest {
    private static final List<String> SPEC_FILES = List.of("core/experiment/spec/ExperimentSpec.java",
            "core/experiment/spec/SpecReader.java", "core/experiment/spec/SpecChecks.java",
            "core/experiment/spec/SpecField.java", "core/experiment/study/BuiltInStudies.java",
            "core/experiment/spec/StudyRules.java", "core/experiment/store/StoredStudy.java",
            "core/experiment/run/StudyDefinition.java", "core/experiment/spec/UnitCount.java",
            "core/experiment/spec/DatasetProblems.java", "core/experiment/run/TimeLeft.java",
            "ui/form/FormField.java", "ui/form/FormSpec.java", "ui/form/FieldHelp.java", "cli/SpecDefaults.java",
            "core/experiment/spec/DataSpec.java", "core/experiment/spec/SampleSizes.java",
            "core/experiment/spec/NetworkChoice.java", "core/experiment/spec/TrainingChoice.java",
            "core/experiment/spec/KernelSpec.java", "core/experiment/spec/StudyParams.java", "cli/KernelCommand.java");

    @Test
    void noFileOfTheSpecSpellsAKeyOutsideTheTable() throws IOException {
        List<String> found = new ArrayList<>();
        Path root = Path.of("src/main/java/org/ntkexplorer");
        for (String file : SPEC_FILES) {
            try (Stream<String> lines = Files.lines(root.resolve(file))) {
                List<String> code = lines.filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("//")
                        && !l.strip().startsWith("/*"))
                        .toList();
                for (SpecField<?> f : Stream.concat(SpecFields.ALL.stream(), SpecFields.RULE.stream()).toList()) {
                    for (String l : code) {
                        if (l.contains("\"" + f.key() + "\"") || l.contains("\"" + f.name() + "\"")) {
                            found.add(file + ": " + l.strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
