package org.ntkexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

class NativeParallelNestingTest {

    /**
     * A section opened inside a task runs inline on that task's thread as that worker, so that nested native work
     * (the GEMMs of an eNTK tile paired on a worker) neither waits on the pool its caller holds nor resets the
     * process-wide thread counts under the other workers.
     */
    @Test
    void aNestedSectionRunsInlineAsItsWorker() {
        int before = NativeParallel.threads();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        try {
            ComputeExecutor.setNativeThreads(2);
            NativeParallel.run(4, (t, worker) -> {
                Thread outer = Thread.currentThread();
                NativeParallel.run(3, (u, inner) -> {
                    if (inner != worker || Thread.currentThread() != outer) {
                        wrong.add("task " + t + "." + u + " on worker " + inner + " of " + worker);
                    }
                });
            });
            assertEquals(2, NativeParallel.threads());
        } finally {
            ComputeExecutor.setNativeThreads(before);
        }
        assertEquals("[]", wrong.toString());
    }
}
