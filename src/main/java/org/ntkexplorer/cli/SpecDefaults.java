package org.ntkexplorer.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine;
import org.ntkexplorer.core.experiment.spec.SpecField;
import org.ntkexplorer.core.experiment.spec.SpecFields;

/**
 * Defaults of options that stand for a spec key, taken from the key's field in {@link SpecFields}: a key has one
 * default, whether it comes from a spec file, the form or the command line. An option stands for the key it is
 * named after (--sigma-w for sigmaW), so the key is not spelled here again; only a shortened name is listed.
 */
final class SpecDefaults implements CommandLine.IDefaultValueProvider {
    /** Option names that are not the key written in dashes. */
    private static final Map<String, SpecField<?>> SHORT_NAMES = Map.of("--arch", SpecFields.ARCHITECTURE);

    /** The spec key an option stands for, if any. */
    static Optional<SpecField<?>> fieldOf(String option) {
        if (SHORT_NAMES.containsKey(option)) {
            return Optional.of(SHORT_NAMES.get(option));
        }
        String dashed = option.replaceFirst("^--", "");
        return SpecFields.ALL.stream().filter(f -> dashed.equals(dashes(f.key()))).findFirst();
    }

    /** sigmaW → sigma-w. */
    private static String dashes(String key) {
        return key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec o) {
            // A key whose default is none (classes: every class) leaves the option without a default too.
            return fieldOf(o.longestName()).filter(f -> f.defaultValue() != null).map(SpecField::defaultText)
                    .orElse(null);
        }
        return null;
    }
}
