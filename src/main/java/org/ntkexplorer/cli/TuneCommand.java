package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.compute.TaskMonitor;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.ntkexplorer.core.experiment.run.LearningRateSweep;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.Presets;

@Command(name = "tune-lr", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = NtkCli.Version.class,
        description = {"Choose a spec's learning rate on held-out training data: for each rate, train the spec's "
                + "network under its protocol on n examples and measure it on examples held out of the dataset's "
                + "training part (never the test part). Prints every rate and the winner."})
final class TuneCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file, or a preset name.")
    String specArg;

    @Option(names = "--rates", split = ",", required = true, description = "Learning rates to try, e.g. 0.01,0.03,0.1.")
    double[] rates;

    @Option(names = "--n", description = "Training examples (default: the largest of the spec's nGrid).")
    Integer n;

    @Option(names = "--validation", defaultValue = "1000",
            description = "Held-out training examples to measure on (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--seeds", defaultValue = "1", description = "Networks per rate (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (Arrays.stream(rates).anyMatch(r -> !(r > 0) || Double.isInfinite(r))) {
            throw usage("--rates must all be positive numbers");
        }
        if (validation < 1 || seeds < 1 || (n != null && n < 1) || (threads != null && threads < 1)) {
            throw usage("--n, --validation, --seeds and --threads must be at least 1");
        }
        ExperimentSpec experiment;
        try {
            experiment = Presets.find(specArg).map(Presets.Preset::spec)
                    .orElseGet(() -> RunCommand.readSpec(Path.of(specArg)));
        } catch (InvalidSpecException e) {
            throw usage(e.getMessage());
        }
        int size = n != null ? n : Arrays.stream(experiment.nGrid()).max().orElseThrow();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: n = %d training examples, %d held out of the training part, %d network%s per rate, "
                + "training: %s%n", specArg, size, validation, seeds, seeds == 1 ? "" : "s",
                experiment.budget().describe());
        o.flush();
        int t = threads == null ? ComputeExecutor.defaultThreads() : threads;
        LearningRateSweep.Result r;
        try (ComputeExecutor exec = new ComputeExecutor(t)) {
            r = exec.submit(() -> LearningRateSweep.run(experiment, rates, size, validation, seeds, TaskMonitor.NONE,
                    line -> {
                        o.println(line);
                        o.flush();
                    })).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
        if (Double.isNaN(r.best())) {
            spec.commandLine().getErr().println("error: every rate diverged; try smaller rates");
            return NtkCli.EXIT_FAILURE;
        }
        o.printf(Locale.ROOT, "best: %s%n", r.best());
        o.flush();
        return 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
