package org.ntkexplorer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.experiment.run.Benchmarks;

/** Benchmarks of the infinite-width kernels, kernel regression, spectra and cancel latency. */
final class BenchExtras {
    private BenchExtras() {
    }

    /** The lines of "infinite", "infinite-ntk", "ridge" and "eigen" among {@code run}. */
    static List<String> lines(ComputeExecutor exec, int n, Set<String> run) throws InterruptedException, ExecutionException {
        List<String> out = new ArrayList<>();
        if (run.contains("infinite")) {
            for (Activation a : new Activation[] {Activation.RELU, Activation.TANH}) {
                double s = exec.submit(() -> Benchmarks.infiniteNtkSeconds(n, 784, 3, a, 0)).get();
                out.add(String.format(Locale.ROOT, "Infinite NNGP+NTK (n=%d, d=784, depth 3, %s): %.2f s", n, a.id(), s));
            }
        }
        if (run.contains("infinite-ntk")) {
            double relu = 0;
            for (Activation a : new Activation[] {Activation.RELU, Activation.TANH, Activation.GELU}) {
                double s = exec.submit(() -> Benchmarks.infiniteStreamSeconds(4096, 784, 2, a, 3, 0)).get();
                relu = a == Activation.RELU ? s : relu;
                out.add(String.format(Locale.ROOT, "Infinite NNGP+NTK panels (n=4096, d=784, depth 2, float64, %s): "
                        + "%.2f s (median of 3)%s", a.id(), s,
                        a == Activation.RELU ? "" : String.format(Locale.ROOT, ", %.2f× relu", s / relu)));
            }
        }
        if (run.contains("ridge")) {
            double krr = exec.submit(() -> Benchmarks.kernelRidgeSeconds(n, 0)).get();
            out.add(String.format(Locale.ROOT, "Kernel ridge regression (n=%d, 10 outputs, Cholesky): %.2f s", n, krr));
        }
        if (run.contains("eigen")) {
            double eig = exec.submit(() -> Benchmarks.eigendecompositionSeconds(n, 0)).get();
            out.add(String.format(Locale.ROOT, "Eigendecomposition %dx%d (values and vectors): %.2f s", n, n, eig));
        }
        return out;
    }

    /** Cancels a run of each quick scaling preset after each delay and prints how long it took to stop. */
    static void cancelLatencies(ComputeExecutor exec, double[] delays, PrintWriter o) throws Exception {
        Path scratch = Files.createTempDirectory("ntk-bench-cancel");
        try {
            for (String preset : new String[] {"scaling-mlp-quick", "scaling-myrtle-quick"}) {
                for (Benchmarks.CancelLatency c : exec.submit(() -> Benchmarks.cancelLatencies(preset, delays, scratch))
                        .get()) {
                    if (Double.isNaN(c.stopSeconds())) {
                        o.printf(Locale.ROOT, "cancel %s after %.0f s: the run had finished%n", c.preset(),
                                c.cancelAfterSeconds());
                    } else {
                        o.printf(Locale.ROOT, "cancel %s after %.0f s (%s): stopped in %.2f s%n", c.preset(),
                                c.cancelAfterSeconds(), c.stage(), c.stopSeconds());
                    }
                    o.flush();
                }
            }
        } finally {
            deleteTree(scratch);
        }
    }

    /** Removes the scratch runs; a file that cannot be removed is left in the temporary directory. */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
