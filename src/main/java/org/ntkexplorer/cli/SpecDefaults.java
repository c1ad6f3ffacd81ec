package org.ntkexplorer.cli;

import java.util.Map;

import org.ntkexplorer.core.experiment.SpecField;
import org.ntkexplorer.core.experiment.SpecFields;

import picocli.CommandLine;

/**
 * Defaults of options that stand for a spec key, taken from the key's field in {@link SpecFields}: a key has one
 * default, whether it comes from a spec file, the form or the command line.
 */
final class SpecDefaults implements CommandLine.IDefaultValueProvider {
    /** Option name → the spec key it stands for. */
    static final Map<String, SpecField<?>> OPTIONS = Map.ofEntries(
            Map.entry("--dataset", SpecFields.DATASET),
            Map.entry("--preprocessing", SpecFields.PREPROCESSING),
            Map.entry("--arch", SpecFields.ARCHITECTURE),
            Map.entry("--depth", SpecFields.DEPTH),
            Map.entry("--width", SpecFields.WIDTH),
            Map.entry("--activation", SpecFields.ACTIVATION),
            Map.entry("--parameterization", SpecFields.PARAMETERIZATION),
            Map.entry("--init", SpecFields.INIT),
            Map.entry("--sigma-w", SpecFields.SIGMA_W),
            Map.entry("--sigma-b", SpecFields.SIGMA_B),
            Map.entry("--dtype", SpecFields.DTYPE));

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec o && OPTIONS.containsKey(o.longestName())) {
            return OPTIONS.get(o.longestName()).defaultText();
        }
        return null;
    }
}
