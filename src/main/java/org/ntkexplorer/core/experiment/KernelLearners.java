package org.ntkexplorer.core.experiment;

import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.kernel.KernelBlocks;
import org.ntkexplorer.core.regression.KernelRidge;

/** Kernel regression as a learner of a scaling or richness study: one results.csv row per kernel, size and seed. */
final class KernelLearners {
    private final RunContext ctx;

    KernelLearners(RunContext ctx) {
        this.ctx = ctx;
    }

    /** Fits kernel ridge regression with the blocks {train × train, test × train} and records its test figures. */
    void run(Learner l, int n, long seed, PreparedSplit train, PreparedSplit test, Supplier<INDArray[]> blocks) {
        ctx.monitor.checkCancelled();
        ctx.progress(0.05, l.id() + " kernel, n = " + n);
        long start = System.nanoTime();
        INDArray[] k = blocks.get();
        INDArray predictions = KernelRidge.fit(k[0], train.regressionTargets(), ctx.spec.ridge()).predict(k[1]);
        ctx.appendResult(ResultRow.kernel(l, n, seed, Double.NaN, Evaluation.of(predictions, test),
                (System.nanoTime() - start) / 1e9));
    }

    /** The infinite-width NTK or NNGP blocks of the spec's MLP. */
    INDArray[] infiniteBlocks(Learner l, PreparedSplit train, PreparedSplit test) {
        KernelBlocks b = ctx.infiniteKernel(train.inputs().columns()).compute(train.inputs(), test.inputs());
        return l == Learner.NNGP ? new INDArray[] {b.train().nngp(), b.testTrain().nngp()}
                : new INDArray[] {b.train().ntk(), b.testTrain().ntk()};
    }
}
