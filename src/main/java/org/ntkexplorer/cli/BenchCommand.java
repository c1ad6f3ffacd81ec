package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ntkexplorer.core.compute.ComputeEnvironment;
import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelSpectrum;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.regression.KernelRidge;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.ntkexplorer.core.experiment.run.Benchmarks;

@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        description = "Measure GEMM throughput, training and the kernel engine on this machine; prints figures, "
                + "checks nothing. A full run takes several minutes; --only picks lines.")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    /** The measurements, in the order they run; --only takes these names. */
    static final List<String> NAMES = List.of("gemm", "mlp-train", "myrtle-train", "mlp-entk", "myrtle-entk",
            "myrtle-oracle", "infinite", "infinite-ntk", "ridge", "eigen", "cancel");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Run only these measurements: gemm, mlp-train, myrtle-train, mlp-entk, myrtle-entk, "
                    + "myrtle-oracle, infinite, infinite-ntk, ridge, eigen, cancel (default: all). Lines that report a share of GEMM "
                    + "measure GEMM first.")
    List<String> only;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--mlp-n", defaultValue = "2000", description = "Examples for the MLP eNTK (default: "
            + "${DEFAULT-VALUE}); more than the bundled sample holds are taken from the full fashion-mnist, which must "
            + "then be installed.")
    int mlpN;

    @Option(names = "--cnn-n", split = ",", defaultValue = "200,500",
            description = "Examples for the Myrtle-5 eNTK, one line each (default: ${DEFAULT-VALUE}).")
    int[] cnnN;

    @Option(names = "--oracle-n", defaultValue = "50",
            description = "Examples on which fast path and Jacobian oracle are compared (default: ${DEFAULT-VALUE}; "
                    + "the oracle needs n·C backward passes).")
    int oracleN;

    @Option(names = "--epochs", defaultValue = "3",
            description = "Timed training epochs per training line, after a warm-up epoch (default: ${DEFAULT-VALUE}).")
    int epochs;

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
        Set<String> run = selection();
        PrintWriter o = spec.commandLine().getOut();
        int t = threads == null ? ComputeExecutor.defaultThreads() : threads;
        try (ComputeExecutor exec = new ComputeExecutor(t)) {
            Map<String, String> env = ComputeEnvironment.describe();
            o.printf("machine: %s, %s cores, backend %s%s, BLAS %s, %d compute threads%n", env.get("os"),
                    env.get("cpu.cores"), env.get("backend"), "yes".equals(env.get("onednn")) ? " with oneDNN" : "",
                    env.get("blas.vendor"), t);
            o.flush();
            double gemm = 0;
            if (run.contains("gemm") || run.stream().anyMatch(n -> n.endsWith("-train") || n.endsWith("-entk"))) {
                gemm = exec.submit(() -> Benchmarks.gemmGflops(gemmSize)).get();
                line(o, "GEMM float32 %dx%dx%d: %.1f GFLOP/s", gemmSize, gemmSize, gemmSize, gemm);
            }
            if (run.contains("mlp-train")) {
                NetworkSpec mlp = NetworkSpec.mlp(2, 512, Activation.RELU, Parameterization.NTK, Math.sqrt(2), 0.1, 10, 784);
                double[] r = exec.submit(() -> Benchmarks.trainingEpoch(mlp, 4096, 64, epochs)).get();
                line(o, "MLP training epoch (depth 2, width 512, n = 4096, batch 64, float32): %s", rate(r, gemm));
            }
            if (run.contains("myrtle-train")) {
                double[] r = exec.submit(() -> Benchmarks.trainingEpoch(Benchmarks.myrtle5(32), 1024, 64, epochs)).get();
                line(o, "Myrtle-5 training epoch (width 32, n = 1024, batch 64, float32): %s", rate(r, gemm));
            }
            if (run.contains("mlp-entk")) {
                double[] r = exec.submit(() -> Benchmarks.mlpEntk(mlpN, 512, 3)).get();
                line(o, "MLP eNTK (n = %d of %s, width 512, depth 3, C = 10, float32): %s", mlpN,
                        Benchmarks.inputSource(mlpN), rate(r, gemm));
            }
            if (run.contains("myrtle-entk")) {
                for (int n : cnnN) {
                    double[] r = exec.submit(() -> Benchmarks.cnnEntk(Architecture.MYRTLE5, 32, n, 3)).get();
                    line(o, "Myrtle-5 eNTK (width 32, n = %d, C = 10, float32): %s", n, rate(r, gemm));
                }
            }
            if (run.contains("myrtle-oracle")) {
                double[] c = exec.submit(() -> Benchmarks.cnnEntkVersusOracle(Architecture.MYRTLE5, 32, oracleN)).get();
                line(o, "Myrtle-5 eNTK fast path vs Jacobian oracle (n = %d): %.2f s vs %.2f s, speed-up %.1fx "
                        + "(relative difference %.1e)", oracleN, c[0], c[1], c[1] / c[0], c[2]);
            }
            for (String l : BenchExtras.lines(exec, kernelN, run)) {
                line(o, "%s", l);
            }
            if (run.contains("cancel") && cancelAfter != null && cancelAfter.length > 0) {
                BenchExtras.cancelLatencies(exec, cancelAfter, o);
            }
        }
        return 0;
    }

    private void checkArguments() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (threads != null && threads < 1) {
            problems.add("--threads must be at least 1 (got " + threads + ")");
        }
        String[] names = {"--mlp-n", "--oracle-n", "--kernel-n", "--gemm-size", "--epochs"};
        int[] values = {mlpN, oracleN, kernelN, gemmSize, epochs};
        for (int i = 0; i < names.length; i++) {
            if (values[i] < 1) {
                problems.add(names[i] + " must be at least 1 (got " + values[i] + ")");
            }
        }
        for (int n : cnnN == null ? new int[0] : cnnN) {
            if (n < 1) {
                problems.add("--cnn-n takes sizes of at least 1 (got " + n + ")");
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

    private Set<String> selection() {
        if (only == null || only.isEmpty()) {
            return new LinkedHashSet<>(NAMES);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : only) {
            String name = n.trim().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown measurement '" + n
                        + "' for --only; expected one of " + String.join(", ", NAMES));
            }
            out.add(name);
        }
        return out;
    }

    /** "X s, Y GFLOP/s = Z% of GEMM" from {seconds, flops}. */
    private static String rate(double[] secondsAndFlops, double gemm) {
        double gflops = secondsAndFlops[1] / secondsAndFlops[0] / 1e9;
        return String.format(Locale.ROOT, "%.2f s, %.1f GFLOP/s = %.0f%% of GEMM", secondsAndFlops[0], gflops,
                100 * gflops / gemm);
    }

    private static void line(PrintWriter o, String format, Object... args) {
        o.println(String.format(Locale.ROOT, format, args));
        o.flush();
    }
}
