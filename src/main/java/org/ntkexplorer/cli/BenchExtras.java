package org.ntkexplorer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.experiment.Benchmarks;
import org.ntkexplorer.core.model.Activation;

/** Benchmarks of the infinite-width kernels, kernel regression and spectra. */
final class BenchExtras {
    private BenchExtras() {
    }

    static List<String> lines(ComputeExecutor exec, int n) throws InterruptedException, ExecutionException {
        List<String> out = new ArrayList<>();
        for (Activation a : new Activation[] {Activation.RELU, Activation.TANH}) {
            double s = exec.submit(() -> Benchmarks.infiniteNtkSeconds(n, 784, 3, a, 0)).get();
            out.add(String.format("Infinite NNGP+NTK (n=%d, d=784, depth 3, %s): %.2f s", n, a.id(), s));
        }
        double krr = exec.submit(() -> Benchmarks.kernelRidgeSeconds(n, 0)).get();
        out.add(String.format("Kernel ridge regression (n=%d, 10 outputs, Cholesky): %.2f s", n, krr));
        double eig = exec.submit(() -> Benchmarks.eigendecompositionSeconds(n, 0)).get();
        out.add(String.format("Eigendecomposition %dx%d (values and vectors): %.2f s", n, n, eig));
        return out;
    }
}
