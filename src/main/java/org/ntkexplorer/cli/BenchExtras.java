package org.ntkexplorer.cli;

import java.util.List;

import org.ntkexplorer.core.compute.ComputeExecutor;

/** Benchmarks of the infinite-width kernels, regression and spectra. */
final class BenchExtras {
    private BenchExtras() {
    }

    static List<String> lines(ComputeExecutor exec) {
        return List.of();
    }
}
