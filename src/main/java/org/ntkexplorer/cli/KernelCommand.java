package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;

import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.experiment.KernelJob;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.Parameterization;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kernel", sortOptions = false,
        description = "Compute one kernel on a dataset subset and write the NumPy interchange folder "
                + "(inputs.npy, labels.npy, kernel.npy, params.npz, model.json).")
final class KernelCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist-sample", description = "Dataset string (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--classes", split = ",", paramLabel = "LIST", description = "Class ids to keep, e.g. 0,1 (default: all).")
    int[] classes;

    @Option(names = "--n", defaultValue = "500", description = "Examples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the subset and the network (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--preprocessing", defaultValue = "standardize-channels",
            description = "standardize-channels, standardize (per feature) or unit-norm (per sample) "
                    + "(default: ${DEFAULT-VALUE}).")
    String preprocessing;

    @Option(names = "--arch", defaultValue = "mlp", description = "mlp, myrtle5, myrtle7 or myrtle10 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--depth", defaultValue = "3", description = "Hidden layers of an MLP (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--width", defaultValue = "512", description = "Hidden units or channels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--activation", defaultValue = "relu", description = "relu, tanh, erf or gelu (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--parameterization", defaultValue = "ntk", description = "ntk or standard (default: ${DEFAULT-VALUE}).")
    String parameterization;

    @Option(names = "--sigma-w", defaultValue = "1.4142135623730951", description = "σ_w (default: √2).")
    double sigmaW;

    @Option(names = "--sigma-b", defaultValue = "0.1", description = "σ_b (default: ${DEFAULT-VALUE}).")
    double sigmaB;

    @Option(names = "--kind", defaultValue = "empirical", description = "empirical, infinite-ntk or nngp (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--dtype", defaultValue = "float64", description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--out", required = true, description = "Folder to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        KernelJob job;
        try {
            job = new KernelJob(dataset, classes, n, seed, Preprocessing.fromId(preprocessing),
                    Architecture.fromId(arch), depth, width, Activation.fromId(activation),
                    Parameterization.fromId(parameterization), sigmaW, sigmaB, KernelKind.fromName(kind),
                    Precision.fromId(dtype));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Computing the %s kernel of %s on %d examples of %s%s (free memory %s)%n", kind, arch, n, dataset,
                classes == null ? "" : " classes " + Arrays.toString(classes), MemoryBudget.gib(MemoryBudget.availableBytes()));
        o.flush();
        KernelJob.Result r = job.run(out, ConsoleProgress.to(spec.commandLine().getErr()));
        o.printf("%s%n%d×%d kernel in %.2f s%s; written to %s%n", r.description(), r.n(), r.n(), r.seconds(),
                r.parameters() > 0 ? String.format(" (%,d parameters)", r.parameters()) : "", out.toAbsolutePath());
        o.flush();
        return 0;
    }
}
