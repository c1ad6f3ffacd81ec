package org.ntkexplorer.core.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Data-parallel sections for the native backend: tasks run on up to {@link #threads()} threads at once (the caller
 * is one of them), each thread's native ops single-threaded. Callers split their work into tasks by its size, never by
 * the thread count, so that a section gives the same numbers on 1 thread or 16 (docs/science.md, §Reproducibility). On the two-core development machine, shared with
 * other builds, a Myrtle training epoch took 0.8-1.3 s this way against 1-10 s on one thread whose every op forks
 * and joins two OpenMP threads: each join waits for whichever thread the OS has descheduled, while OpenMP's
 * spinning waiters hold the CPU it needs. Tasks must write disjoint arrays.
 */
public final class NativeParallel {
    /** The body of a section: task index, and the index (0 … threads−1) of the worker running it. */
    public interface Task {
        void run(int task, int worker);
    }

    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static final ThreadLocal<Boolean> SINGLE = ThreadLocal.withInitial(() -> false);
    /** Index of the worker this thread is in a section, or −1 outside any section. */
    private static final ThreadLocal<Integer> WORKER = ThreadLocal.withInitial(() -> -1);
    private static ExecutorService helpers;
    private static int helperCount;

    private NativeParallel() {
    }

    /** Threads of native work, as {@link ComputeExecutor} set them (all cores by default). */
    public static int threads() {
        return threads;
    }

    static void setThreads(int count) {
        threads = Math.max(1, count);
    }

    /** How many parts to split {@code rows} into so that each has at least {@code minRows}, at most one per thread. */
    public static int parts(long rows, int minRows) {
        return (int) Math.max(1, Math.min(threads, rows / Math.max(1, minRows)));
    }

    /**
     * Makes the calling thread's native ops single-threaded until the scope is closed. For steps made of many small
     * ops, where forking two threads per op costs more than the op: on a loaded machine a fork-join waits for a
     * descheduled thread, and OpenMP's spinning waiters keep the CPU from it.
     */
    public static Scope singleThreaded() {
        return new Scope();
    }

    /**
     * Native thread counts, restored on {@link #close}. ND4J's max and master thread counts are process-wide (only
     * OpenMP's is per thread), so scopes must not overlap across threads: sections are entered from the one compute
     * executor thread, whose workers set their own OpenMP count and never open a scope of their own.
     */
    public static final class Scope implements AutoCloseable {
        private final Environment env = Nd4j.getEnvironment();
        private final int master = env.maxMasterThreads();
        private final int max = env.maxThreads();
        private final boolean outermost = !SINGLE.get();

        private Scope() {
            if (outermost) {
                SINGLE.set(true);
                env.setMaxMasterThreads(1);
                env.setMaxThreads(1);
                setOmpThreads(1);
            }
        }

        @Override
        public void close() {
            if (outermost) {
                setOmpThreads(threads);
                env.setMaxMasterThreads(master);
                env.setMaxThreads(max);
                SINGLE.set(false);
            }
        }
    }

    /**
     * Runs tasks 0 … tasks−1, on several threads when there are several, and returns when all are done. Called from a
     * task of a running section, it runs the tasks inline on that task's thread, as that worker: its native ops are
     * already single-threaded, and a nested scope would reset the process-wide thread counts under the other workers.
     */
    public static void run(int tasks, Task body) {
        int current = WORKER.get();
        if (current >= 0) {
            for (int t = 0; t < tasks; t++) {
                body.run(t, current);
            }
            return;
        }
        int workers = Math.min(threads, tasks);
        if (workers <= 1) {
            // Single-threaded ops here too: an op spread over several OpenMP threads sums in another order, and the
            // figures of a section must not depend on how many threads ran it.
            try (Scope single = singleThreaded()) {
                WORKER.set(0);
                for (int t = 0; t < tasks; t++) {
                    body.run(t, 0);
                }
            } finally {
                WORKER.set(-1);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        try (Scope single = singleThreaded()) {
            ExecutorService pool = helpers(workers - 1);
            for (int w = 1; w < workers; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    WORKER.set(worker);
                    try {
                        drain(next, tasks, worker, body);
                    } finally {
                        WORKER.set(-1);
                    }
                }));
            }
            try {
                WORKER.set(0);
                drain(next, tasks, 0, body);
            } finally {
                WORKER.set(-1);
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            // A failed task must not leave the others writing after the caller has moved on.
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException | ExecutionException ignored) {
                    // reported above
                }
            }
        }
    }

    private static void drain(AtomicInteger next, int tasks, int worker, Task body) {
        for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
            body.run(t, worker);
        }
    }

    /** OpenMP's thread count is per calling thread: each helper sets its own once, the caller around each section. */
    static void setOmpThreads(int count) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(count);
    }

    private static synchronized ExecutorService helpers(int count) {
        if (helpers == null || helperCount < count) {
            if (helpers != null) {
                helpers.shutdown();
            }
            helperCount = count;
            helpers = Executors.newFixedThreadPool(count, r -> {
                Thread t = new Thread(() -> {
                    setOmpThreads(1);
                    r.run();
                }, "ntk-native-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return helpers;
    }
}
