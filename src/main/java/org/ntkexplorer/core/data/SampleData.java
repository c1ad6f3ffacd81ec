package org.ntkexplorer.core.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the bundled Fashion-MNIST subset. It ships beside the program rather than inside the jar, so users
 * can read it from Python too: next to target/ in a build, in the app directory of an installer.
 */
public final class SampleData {
    public static final String PROPERTY = "ntk.sampleData";
    public static final String DIR_NAME = "sample-data";

    private SampleData() {
    }

    /** The places searched, in order: the system property, then beside the jar, then the working directory. */
    public static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            out.add(Path.of(prop));
        }
        codeDirectory().ifPresent(dir -> {
            if (dir.getParent() != null) {
                out.add(dir.getParent().resolve(DIR_NAME));
            }
            out.add(dir.resolve(DIR_NAME));
        });
        out.add(Path.of(DIR_NAME));
        return out;
    }

    public static Optional<Path> locate() {
        return candidates().stream().filter(FashionMnist::isComplete).findFirst().map(Path::toAbsolutePath);
    }

    /** The directory holding the jar (or the classes directory when run from a build tree). */
    private static Optional<Path> codeDirectory() {
        try {
            var source = SampleData.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Optional.ofNullable(Files.isRegularFile(p) ? p.getParent() : p);
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
