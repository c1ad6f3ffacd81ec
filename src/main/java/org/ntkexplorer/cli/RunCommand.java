package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.ntkexplorer.core.compute.ComputeExecutor;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.ExperimentRunner;
import org.ntkexplorer.core.experiment.run.RunService;
import org.ntkexplorer.core.experiment.run.TimeLeft;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.run.RunKernelBlocks;

@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        description = "Run an experiment spec (a JSON file or a preset name) headless into a run folder.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
            description = "Spec file, or a preset name (see --list-presets).")
    String specArg;

    @Option(names = "--out", description = "Run folder to create.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR where it stopped.")
    Path resume;

    @Option(names = "--shard", paramLabel = "K/N|auto|auto/N", description = "Run only shard K of N (from 0) of the "
            + "spec's units, for merging later; auto takes K and N from a Slurm array job, auto/N takes K from a "
            + "Kubernetes Indexed Job.")
    String shard;

    @Option(names = "--kernel-blocks", paramLabel = "B", description = "Compute the infinite-ntk and nngp learners "
            + "as B row-block units per n and seed, which shards share; merge gathers the blocks, and a whole run or "
            + "run --resume on the merged folder solves them.")
    Integer kernelBlocks;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--list-presets", description = "List the built-in presets and exit.")
    boolean listPresets;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (listPresets) {
            for (Presets.Preset p : Presets.all()) {
                o.printf("%-28s %s%n", p.name(), p.summary());
            }
            o.flush();
            return 0;
        }
        checkArguments();
        RunFolder folder;
        ExperimentSpec experiment;
        if (resume != null) {
            if (shard != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--shard does not go with --resume: a resumed folder keeps the shard it was started with");
            }
            if (kernelBlocks != null) {
                throw usage("--kernel-blocks does not go with --resume: a resumed folder keeps the kernel blocks it "
                        + "was started with");
            }
            if (!RunFolder.isRun(resume)) {
                throw usage(resume + " is not a run folder (it has no " + RunFolder.SPEC_FILE + "); --resume names "
                        + "the --out folder of a run");
            }
            folder = checked(() -> RunService.resume(resume));
            experiment = folder.spec();
        } else {
            try {
                experiment = Presets.find(specArg).map(Presets.Preset::spec)
                        .orElseGet(() -> readSpec(Path.of(specArg)));
            } catch (InvalidSpecException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            String taken = RunFolder.newFolderProblem(out);
            if (taken != null) {
                throw usage(taken);
            }
            if (kernelBlocks != null) {
                String problem = RunKernelBlocks.problem(experiment, kernelBlocks);
                if (problem != null) {
                    throw usage(problem);
                }
            }
            folder = createFolder(experiment);
            if (kernelBlocks != null) {
                RunKernelBlocks.start(folder.dir(), kernelBlocks);
            }
        }
        TimeLeft clock = TimeLeft.of(folder);
        clock.accept(new ExperimentEvent.Progress(0, "start"), System.nanoTime() / 1e9);
        ConsoleProgress bar = ConsoleProgress.to(spec.commandLine().getErr(), () -> clock.secondsLeft(System.nanoTime() / 1e9));
        AtomicReference<ExperimentEvent> last = new AtomicReference<>();
        // The last claim check and richness lines per metric, printed under the fits.
        java.util.Map<String, ExperimentEvent> verdicts = new java.util.concurrent.ConcurrentSkipListMap<>();
        int t = threads == null ? ComputeExecutor.defaultThreads() : threads;
        try (folder; ComputeExecutor exec = new ComputeExecutor(t)) {
            ExperimentRunner runner = new ExperimentRunner(experiment, folder, e -> {
                clock.accept(e, System.nanoTime() / 1e9);
                if (e instanceof ExperimentEvent.Progress p) {
                    bar.progress(p.fraction(), p.stage());
                } else if (e instanceof ExperimentEvent.StableRateEstimated s) {
                    stableRate(s);
                } else if (e instanceof ExperimentEvent.ClaimChecked c) {
                    verdicts.put("a " + c.metric().id(), e);
                } else if (e instanceof ExperimentEvent.RichnessVerdict v) {
                    verdicts.put("b " + v.metric().id(), e);
                } else if (e instanceof ExperimentEvent.FitUpdated || e instanceof ExperimentEvent.Finished
                        || e instanceof ExperimentEvent.Failed) {
                    last.set(e);
                }
            }, bar);
            exec.submit(() -> {
                runner.run();
                return null;
            }).get();
            bar.progress(1, "done");
            FitSummary.lines(runner.fits()).forEach(o::println);
            FitSummary.verdicts(new java.util.ArrayList<>(verdicts.values())).forEach(o::println);
        }
        ExperimentEvent end = last.get();
        if (end instanceof ExperimentEvent.Failed f) {
            spec.commandLine().getErr().println("error: " + f.reason());
            spec.commandLine().getErr().flush();
            return NtkCli.EXIT_FAILURE;
        }
        if (end instanceof ExperimentEvent.Finished fin) {
            o.printf(Locale.ROOT, "finished in %.1f s; results in %s%n", fin.seconds(), folder.dir().toAbsolutePath());
        }
        o.flush();
        return 0;
    }

    /** Each network's largest stable learning rate, and the warning for a rate above twice it, before it trains. */
    private void stableRate(ExperimentEvent.StableRateEstimated s) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("\r%s: %s%n", s.unit().describe(), s.description());
        if (s.warning() != null) {
            err.println(s.warning());
        }
        err.flush();
    }

    /** Combinations that cannot mean anything are usage errors, never silently ignored. */
    private void checkArguments() {
        if (threads != null && threads < 1) {
            throw usage("--threads must be at least 1 (got " + threads + ")");
        }
        if (resume != null && (specArg != null || out != null)) {
            throw usage("--resume continues the run in " + resume + " with the spec it holds; give either --resume DIR "
                    + "alone, or a SPEC with --out DIR, not both");
        }
        if (resume == null && (specArg == null || out == null)) {
            throw usage("give a spec (file or preset) and --out DIR, or --resume DIR");
        }
        Path folder = resume != null ? resume : out;
        if (folder.toString().isBlank()) {
            throw usage((resume != null ? "--resume" : "--out") + " is empty; name the run folder");
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw usage(folder + " is a file; " + (resume != null ? "--resume names a run folder"
                    : "--out names a folder to create"));
        }
    }

    /** A folder from the run service, which checks the spec first; what the check finds is a usage error. */
    private RunFolder checked(FolderStep step) throws java.io.IOException {
        try {
            return step.open();
        } catch (InvalidSpecException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private interface FolderStep {
        RunFolder open() throws java.io.IOException;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private RunFolder createFolder(ExperimentSpec experiment) throws java.io.IOException {
        if (shard == null) {
            return checked(() -> RunService.create(experiment, out));
        }
        ShardOption s;
        try {
            s = ShardOption.parse(shard, System.getenv());
        } catch (ShardOption.Invalid e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return checked(() -> RunService.createShard(experiment, out, s.index(), s.count()));
    }

    /** A spec file, with the hint about presets when there is no such file. */
    static ExperimentSpec readSpec(Path file) {
        try {
            return ExperimentSpec.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw InvalidSpecException.of(file.toString(), "no such file, and no preset of that name (see "
                    + "--list-presets)");
        } catch (java.io.IOException e) {
            throw InvalidSpecException.of(file.toString(), "cannot be read: " + Failures.describe(e));
        }
    }
}
