package org.ntkexplorer.cli;

import java.util.Map;
import java.util.function.Function;

import org.ntkexplorer.core.experiment.ExperimentSpec;

import picocli.CommandLine;

/**
 * Defaults of options that stand for a spec key, taken from {@link ExperimentSpec#defaults()}: a key has one default,
 * whether it comes from a spec file or the command line.
 */
final class SpecDefaults implements CommandLine.IDefaultValueProvider {
    /** Option name → the spec's value for it, as the option is written. */
    static final Map<String, Function<ExperimentSpec, Object>> OPTIONS = Map.of(
            "--dataset", ExperimentSpec::dataset,
            "--preprocessing", s -> s.preprocessing().id(),
            "--arch", s -> s.architecture().id(),
            "--depth", ExperimentSpec::depth,
            "--width", ExperimentSpec::width,
            "--activation", s -> s.activation().id(),
            "--parameterization", s -> s.parameterization().id(),
            "--sigma-w", ExperimentSpec::sigmaW,
            "--sigma-b", ExperimentSpec::sigmaB,
            "--dtype", s -> s.dtype().id());

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec o && OPTIONS.containsKey(o.longestName())) {
            return String.valueOf(OPTIONS.get(o.longestName()).apply(ExperimentSpec.defaults()));
        }
        return null;
    }
}
