package org.ntkexplorer.core.compute;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The one thread that owns networks and ND4J workspaces (neither is thread-safe). Kernels and training are
 * submitted here; BLAS and ND4J's own loops use {@code threads} cores underneath.
 */
public final class ComputeExecutor implements AutoCloseable {
    private final ExecutorService thread;
    private final int threads;

    public ComputeExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 (got " + threads + ")");
        }
        this.threads = threads;
        setNativeThreads(threads);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            // OpenMP keeps its thread count per calling thread, so the compute thread sets its own.
            Thread t = new Thread(() -> {
                NativeParallel.setOmpThreads(threads);
                r.run();
            }, "ntk-compute");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Threads used by ND4J, its BLAS and {@link NativeParallel}; process-wide except OpenMP's count, which this
     * sets for the calling thread only.
     */
    public static void setNativeThreads(int threads) {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeParallel.setOmpThreads(threads);
        NativeParallel.setThreads(threads);
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    public <T> Future<T> submit(Callable<T> task) {
        return thread.submit(task);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
