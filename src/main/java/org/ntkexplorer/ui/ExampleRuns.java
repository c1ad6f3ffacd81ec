package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.ntkexplorer.core.data.SampleData;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * The finished example runs shipped beside the program in sample-data/runs/ (made by its own quick presets with
 * tools/make-example-runs.sh), opened at start so the first screen shows real results.
 */
public final class ExampleRuns {
    public static final String DIR = "runs";

    private ExampleRuns() {
    }

    /**
     * The shipped folders, listed once: they do not change while the program runs, and the banner asks on every
     * update, on the window's thread, where listing a directory has no place.
     */
    private static volatile List<Path> cached;

    /** Every example run folder, by name (listed on the first call). */
    public static List<Path> all() {
        List<Path> c = cached;
        if (c == null) {
            c = list();
            cached = c;
        }
        return c;
    }

    private static List<Path> list() {
        Optional<Path> sample = SampleData.locate();
        if (sample.isEmpty() || !Files.isDirectory(sample.get().resolve(DIR))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sample.get().resolve(DIR))) {
            return s.filter(RunFolder::isRun).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The one shown at start: the Myrtle CNN's scaling example, where the README's full runs found claim 1 in level
     * and in exponent; then any scaling example (the MLP is the contrast, in File → Example runs).
     */
    public static Optional<Path> first() {
        List<Path> all = all();
        return all.stream().filter(p -> p.getFileName().toString().startsWith("scaling-myrtle")).findFirst()
                .or(() -> all.stream().filter(p -> p.getFileName().toString().startsWith("scaling")).findFirst())
                .or(() -> all.stream().findFirst());
    }

    /**
     * The example that contrasts with {@code dir}, one click away in the banner: the MLP's scaling example beside the
     * CNN's (the MLP's lines lie close to its kernels', where the CNN pulls ahead of its eNTK as n grows), and the
     * CNN's beside the MLP's; empty otherwise.
     */
    public static Optional<Path> contrast(Path dir) {
        if (dir == null || !isExample(dir)) {
            return Optional.empty();
        }
        String name = dir.getFileName().toString();
        String other = name.startsWith("scaling-myrtle") ? "scaling-mlp-quick"
                : name.startsWith("scaling-mlp") && !name.contains("lazy") ? "scaling-myrtle-quick" : null;
        return other == null ? Optional.empty()
                : all().stream().filter(p -> p.getFileName().toString().equals(other)).findFirst();
    }

    public static boolean isExample(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return all().stream().anyMatch(p -> p.toAbsolutePath().normalize().equals(d));
    }
}
