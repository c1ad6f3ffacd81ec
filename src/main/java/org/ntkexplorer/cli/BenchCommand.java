package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.util.Map;

import org.ntkexplorer.core.compute.ComputeEnvironment;
import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.experiment.Benchmarks;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelSpectrum;
import org.ntkexplorer.core.regression.KernelRidge;
import org.ntkexplorer.core.model.Architecture;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        
        description = "Measure GEMM throughput and the kernel engine on this machine; prints figures, checks nothing.")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--mlp-n", defaultValue = "2000", description = "Examples for the MLP eNTK (default: ${DEFAULT-VALUE}).")
    int mlpN;

    @Option(names = "--cnn-n", defaultValue = "500", description = "Examples for the Myrtle-5 eNTK (default: ${DEFAULT-VALUE}).")
    int cnnN;

    @Option(names = "--oracle-n", defaultValue = "50",
            description = "Examples on which fast path and Jacobian oracle are compared (default: ${DEFAULT-VALUE}; "
                    + "the oracle needs n·C backward passes).")
    int oracleN;

    @Option(names = "--kernel-n", defaultValue = "4000",
            description = "Examples for the infinite kernels, kernel regression and eigendecomposition (default: ${DEFAULT-VALUE}).")
    int kernelN;

    @Option(names = "--cancel-after", split = ",", defaultValue = "2,5,9,14,20",
            description = "Seconds into a run of each quick scaling preset at which Cancel is pressed, one fresh run "
                    + "each; the time until it stops is printed (default: ${DEFAULT-VALUE}; empty to skip).")
    double[] cancelAfter;

    @Option(names = "--gemm-size", defaultValue = "2048", description = "Side of the square GEMM (default: ${DEFAULT-VALUE}).")
    int gemmSize;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        PrintWriter o = spec.commandLine().getOut();
        int t = threads == null ? ComputeExecutor.defaultThreads() : threads;
        try (ComputeExecutor exec = new ComputeExecutor(t)) {
            Map<String, String> env = ComputeEnvironment.describe();
            o.printf("machine: %s, %s cores, backend %s, BLAS %s, %d compute threads%n", env.get("os"),
                    env.get("cpu.cores"), env.get("backend"), env.get("blas.vendor"), t);
            o.flush();
            double gemm = exec.submit(() -> Benchmarks.gemmGflops(gemmSize)).get();
            o.printf("GEMM float32 %dx%dx%d: %.1f GFLOP/s%n", gemmSize, gemmSize, gemmSize, gemm);
            o.flush();
            double[] mlp = exec.submit(() -> Benchmarks.mlpEntk(mlpN, 512, 3)).get();
            double mlpGflops = mlp[1] / mlp[0] / 1e9;
            o.printf("MLP eNTK (n=%d, width 512, depth 3, C=10, float32): %.2f s, %.1f GFLOP/s = %.0f%% of GEMM%n",
                    mlpN, mlp[0], mlpGflops, 100 * mlpGflops / gemm);
            o.flush();
            double cnnSeconds = exec.submit(() -> Benchmarks.cnnEntk(Architecture.MYRTLE5, 32, cnnN)).get();
            o.printf("Myrtle-5 eNTK (n=%d, width 32, C=10, float32): %.2f s%n", cnnN, cnnSeconds);
            o.flush();
            double[] cnn = exec.submit(() -> Benchmarks.cnnEntkVersusOracle(Architecture.MYRTLE5, 32, oracleN)).get();
            o.printf("Myrtle-5 eNTK fast path vs Jacobian oracle (n=%d): %.2f s vs %.2f s, speed-up %.1fx "
                    + "(relative difference %.1e)%n", oracleN, cnn[0], cnn[1], cnn[1] / cnn[0], cnn[2]);
            o.flush();
            for (String line : BenchExtras.lines(exec, kernelN)) {
                o.println(line);
                o.flush();
            }
            if (cancelAfter != null && cancelAfter.length > 0) {
                java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("ntk-bench-cancel");
                try {
                    for (String preset : new String[] {"scaling-mlp-quick", "scaling-myrtle-quick"}) {
                        for (Benchmarks.CancelLatency c : exec.submit(() -> Benchmarks.cancelLatencies(preset,
                                cancelAfter, scratch)).get()) {
                            if (Double.isNaN(c.stopSeconds())) {
                                o.printf(java.util.Locale.ROOT, "cancel %s after %.0f s: the run had finished%n",
                                        c.preset(), c.cancelAfterSeconds());
                            } else {
                                o.printf(java.util.Locale.ROOT, "cancel %s after %.0f s (%s): stopped in %.2f s%n",
                                        c.preset(), c.cancelAfterSeconds(), c.stage(), c.stopSeconds());
                            }
                            o.flush();
                        }
                    }
                } finally {
                    deleteTree(scratch);
                }
            }
        }
        return 0;
    }

    private void checkArguments() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (threads != null && threads < 1) {
            problems.add("--threads must be at least 1 (got " + threads + ")");
        }
        String[] names = {"--mlp-n", "--cnn-n", "--oracle-n", "--kernel-n", "--gemm-size"};
        int[] values = {mlpN, cnnN, oracleN, kernelN, gemmSize};
        for (int i = 0; i < names.length; i++) {
            if (values[i] < 1) {
                problems.add(names[i] + " must be at least 1 (got " + values[i] + ")");
            }
        }
        for (double s : cancelAfter == null ? new double[0] : cancelAfter) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                problems.add("--cancel-after takes seconds ≥ 0 (got " + s + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        // The kernel-n stages hold n×n matrices in Java arrays and the GEMM three side² ones: refuse up front.
        Footprint largest = Footprint.of("float32 GEMM of side " + gemmSize, 3.0 * gemmSize * gemmSize * Float.BYTES, 0);
        for (Footprint f : new Footprint[] {InfiniteMlpKernel.footprint(kernelN, 0), KernelRidge.footprint(kernelN, 10),
            KernelSpectrum.footprint(kernelN)}) {
            largest = Footprint.larger(largest, f);
        }
        MemoryBudget.require("The benchmarks", largest, "Use a smaller --kernel-n or --gemm-size.");
        if (kernelN > InfiniteMlpKernel.maxExamples()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kernel-n can be at most "
                    + InfiniteMlpKernel.maxExamples() + " (its kernels are held in one Java array each)");
        }
    }

    /** Removes the scratch runs; a file that cannot be removed is left in the temporary directory. */
    private static void deleteTree(java.nio.file.Path root) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
