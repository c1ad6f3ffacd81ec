package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.kernel.KernelExport;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.Parameterization;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.ntkexplorer.core.experiment.run.KernelBlockJob;
import org.ntkexplorer.core.experiment.run.KernelJob;
import org.ntkexplorer.core.experiment.spec.DataSpec;
import org.ntkexplorer.core.experiment.spec.NetworkChoice;

@Command(name = "kernel", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        defaultValueProvider = SpecDefaults.class,
        description = "Compute one kernel on a dataset subset and write the NumPy interchange folder "
                + "(inputs.npy, labels.npy, kernel.npy, params.npz, model.json).")
final class KernelCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", description = "Dataset string (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--classes", split = ",", paramLabel = "LIST", description = "Class ids to keep, e.g. 0,1 (default: all).")
    int[] classes;

    @Option(names = "--n", defaultValue = "500", description = "Examples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the subset and the network (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--preprocessing", description = "standardize-channels, standardize (per feature) or unit-norm (per sample) "
                    + "(default: ${DEFAULT-VALUE}).")
    String preprocessing;

    @Option(names = "--arch", description = "mlp, myrtle5, myrtle7 or myrtle10 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--depth", description = "Hidden layers of an MLP (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--width", description = "Hidden units or channels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--activation", description = "relu, tanh, erf or gelu (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--parameterization", description = "ntk or standard (default: ${DEFAULT-VALUE}).")
    String parameterization;

    @Option(names = "--init", description = "Initialisation law: he (weights N(0, σ_w²/fan_in), "
            + "biases N(0, σ_b²)), lecun (weights N(0, 1/fan_in), biases N(0, σ_b²)) or pytorch (weights and biases "
            + "U(±1/√fan_in)) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--sigma-w", description = "σ_w (default: ${DEFAULT-VALUE}, √2).")
    double sigmaW;

    @Option(names = "--sigma-b", description = "σ_b (default: ${DEFAULT-VALUE}).")
    double sigmaB;

    @Option(names = "--kind", defaultValue = "empirical", description = "empirical, infinite-ntk or nngp (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--dtype", description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--out", required = true, description = "Folder to write (created if needed).")
    Path out;

    @Option(names = "--force", description = "Write into --out even when it already holds files; files of the same "
            + "name are replaced.")
    boolean force;

    @Option(names = "--block", paramLabel = "K/N", description = "Compute only row-block K of N (from 1) of the kernel, "
            + "for one task of a cluster job; `merge` assembles the N block folders into the kernel this command writes "
            + "without --block, bit for bit.")
    String block;

    @Option(names = "--threads", description = "Compute threads (default: all cores); the kernel's bits do not "
            + "depend on it.")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        if (threads != null && threads < 1) {
            problems.add("--threads must be at least 1 (got " + threads + ")");
        }
        DataSpec data = data(problems);
        NetworkChoice network = network(problems);
        KernelKind kernelKind = parse(problems, () -> KernelKind.fromName(kind));
        Precision precision = parse(problems, () -> Precision.fromId(dtype));
        BlockOption blockRange = block == null ? null : parse(problems, () -> BlockOption.parse(block));
        String target = KernelExport.targetProblem(out, force,
                org.ntkexplorer.core.experiment.store.RunFolder.isRun(out));
        if (target != null) {
            problems.add(target);
        }
        if (!problems.isEmpty()) {
            throw usage(problems);
        }
        DatasetSource source = DatasetRegistry.open(dataset);
        KernelJob job = new KernelJob(data, n, seed, network, kernelKind, precision);
        if (blockRange != null) {
            return runBlock(new KernelBlockJob(job, blockRange.index(), blockRange.count()), source);
        }
        problems.addAll(job.problems(source));
        if (!problems.isEmpty()) {
            throw usage(problems);
        }
        job.check(source);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Computing the %s kernel of %s on %d examples of %s%s (%s of memory available)%n", kind, arch, n,
                dataset, classes == null ? "" : " classes " + Arrays.toString(classes),
                MemoryBudget.gib(MemoryBudget.availableBytes()));
        o.flush();
        KernelJob.Result r = onExecutor(() -> job.run(source, out, ConsoleProgress.to(spec.commandLine().getErr())));
        o.printf("%s%n%d×%d kernel in %.2f s%s; written to %s%n", r.description(), r.n(), r.n(), r.seconds(),
                r.parameters() > 0 ? String.format(" (%,d parameters)", r.parameters()) : "", out.toAbsolutePath());
        o.flush();
        return 0;
    }

    /** The data options as a spec's data; null, with the problem added, when one does not parse. */
    DataSpec data(List<String> problems) {
        Preprocessing pre = parse(problems, () -> Preprocessing.fromId(preprocessing));
        return pre == null ? null : new DataSpec(dataset, classes, pre);
    }

    /**
     * The network options as a spec's network keys; null, with the problems added, when one does not parse or
     * σ_w or σ_b is given to a law that has none.
     */
    NetworkChoice network(List<String> problems) {
        int before = problems.size();
        Architecture architecture = parse(problems, () -> Architecture.fromId(arch));
        Activation act = parse(problems, () -> Activation.fromId(activation));
        Parameterization par = parse(problems, () -> Parameterization.fromId(parameterization));
        Init law = parse(problems, () -> Init.fromId(init));
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (law != null && !law.freeSigmaW() && given.hasMatchedOption("--sigma-w")) {
            problems.add("--init " + law.id() + " fixes σ_w = " + law.sigmaW() + "; leave out --sigma-w, or use "
                    + "--init he to choose σ_w");
        }
        if (law != null && !law.usesSigmaB() && given.hasMatchedOption("--sigma-b")) {
            problems.add("--init pytorch draws biases from U(±1/√fan_in), so --sigma-b does not apply; leave it out "
                    + "or use --init he or lecun");
        }
        return problems.size() > before ? null
                : new NetworkChoice(architecture, depth, width, act, par, sigmaW, sigmaB, law);
    }

    /** One row-block of the kernel into --out, for {@code merge} to assemble. */
    private int runBlock(KernelBlockJob job, DatasetSource source) throws Exception {
        List<String> problems = job.problems(source);
        if (!problems.isEmpty()) {
            throw usage(problems);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Computing block %s of the %s kernel of %s on %d examples of %s%n", block, kind, arch, n, dataset);
        o.flush();
        KernelJob.Result r = onExecutor(() -> job.run(source, out, ConsoleProgress.to(spec.commandLine().getErr())));
        o.printf("%s%nblock in %.2f s; written to %s%n", r.description(), r.seconds(), out.toAbsolutePath());
        o.flush();
        return 0;
    }

    /** Runs the job on the compute thread with --threads native threads, as {@code run} does. */
    private KernelJob.Result onExecutor(java.util.concurrent.Callable<KernelJob.Result> work) throws Exception {
        int t = threads == null ? ComputeExecutor.defaultThreads() : threads;
        try (ComputeExecutor exec = new ComputeExecutor(t)) {
            return exec.submit(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Parses one setting, keeping its problem beside the others' so that all are reported together. */
    private static <T> T parse(List<String> problems, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private CommandLine.ParameterException usage(List<String> problems) {
        return new CommandLine.ParameterException(spec.commandLine(), problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
    }
}
