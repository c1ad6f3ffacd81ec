package org.ntkexplorer.core.experiment.run;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntkexplorer.core.compute.NativeParallel;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DataSplit;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.data.SubsetRequest;
import org.ntkexplorer.core.data.Subsets;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.JacobianNtk;
import org.ntkexplorer.core.regression.KernelRidge;
import org.ntkexplorer.core.linalg.SymmetricLapack;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.kernel.KernelPair;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.LayerPlan;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.PlannedLayer;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** The measurements behind the {@code bench} command; each returns figures, the caller prints them. */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** Median seconds of {@code reps} runs of {@code work} (after one warm-up run). */
    public static double medianSeconds(int reps, Runnable work) {
        work.run();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    /**
     * Float32 GEMM throughput on square matrices of side {@code size}, GFLOP/s (median of 5), the way the kernel
     * engine runs its GEMMs: row blocks at once on {@link NativeParallel}'s threads, each single-threaded.
     */
    public static double gemmGflops(int size) {
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray b = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray c = Nd4j.create(DataType.FLOAT, size, size);
        int parts = NativeParallel.parts(size, 64);
        double s = medianSeconds(5, () -> NativeParallel.run(parts, (p, worker) -> {
            long r0 = (long) size * p / parts;
            long r1 = (long) size * (p + 1) / parts;
            Nd4j.gemm(a.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()), b,
                    c.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()), false, false, 1.0, 0.0);
        }));
        return 2.0 * size * size * size / s / 1e9;
    }

    /**
     * The dataset benchmark inputs come from: the bundled sample, or the full Fashion-MNIST when n is more than the
     * sample's training part holds (paper-scale kernels; the full dataset must be installed).
     */
    public static String inputSource(int n) {
        return n > DatasetRegistry.open(DatasetRegistry.SAMPLE).train().size() ? DatasetRegistry.FASHION_MNIST
                : DatasetRegistry.SAMPLE;
    }

    /** Inputs of {@link #inputSource}: n examples over all ten classes, standardised. */
    public static INDArray sampleInputs(int n, Layout layout, DataType dt) {
        DataSplit split = Subsets.select(DatasetRegistry.open(inputSource(n)),
                new SubsetRequest(null, n, 0, 0, Preprocessing.STANDARDIZE, layout));
        return Nd4j.create(split.train().inputs(), new long[] {n, split.train().inputDim()}, 'c').castTo(dt);
    }

    /** Seconds and flops of one float32 eNTK of an MLP on n sample examples. */
    public static double[] mlpEntk(int n, int width, int depth) {
        INDArray x = sampleInputs(n, Layout.FLAT, DataType.FLOAT);
        NetworkSpec spec = NetworkSpec.mlp(depth, width, Activation.RELU, Parameterization.NTK, Math.sqrt(2), 0.1, 10,
                (int) x.columns());
        NtkNetwork net = NtkNetwork.create(spec, 0, DataType.FLOAT, TrainingConfig.sgdMomentum(0.1, 64, 1));
        EmpiricalNtk ntk = EmpiricalNtk.of(net, Precision.FLOAT32);
        // Above a few thousand examples one kernel takes tens of seconds (51 s at 16,384): timed once, where warm-up is a
        // negligible share.
        double s = n > 4096 ? timedOnce(() -> ntk.compute(x)) : medianSeconds(3, () -> ntk.compute(x));
        return new double[] {s, ntk.lastFlops()};
    }

    private static double timedOnce(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds (median of {@code reps} after a warm-up) and flops of one float32 eNTK on n sample examples. */
    public static double[] cnnEntk(Architecture arch, int width, int n, int reps) {
        INDArray x = sampleInputs(n, Layout.IMAGE, DataType.FLOAT);
        NtkNetwork net = NtkNetwork.create(myrtle(arch, width), 0, DataType.FLOAT, TrainingConfig.sgdMomentum(0.1, 64, 1));
        EmpiricalNtk ntk = EmpiricalNtk.of(net, Precision.FLOAT32);
        double s = medianSeconds(reps, () -> ntk.compute(x));
        return new double[] {s, ntk.lastFlops()};
    }

    /**
     * One float32 training epoch of {@code spec} on n sample examples (one-hot targets, MSE, plain SGD at rate 0.5,
     * shuffled minibatches, as the app's trainer takes them): seconds, the median of {@code epochs} epochs after a
     * warm-up epoch, and the flops of one epoch.
     */
    public static double[] trainingEpoch(NetworkSpec spec, int n, int batch, int epochs) {
        Layout layout = spec.architecture().isConvolutional() ? Layout.IMAGE : Layout.FLAT;
        INDArray x = sampleInputs(n, layout, DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, spec.outputs());
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % spec.outputs(), 1.0);
        }
        TrainingConfig sgd = new TrainingConfig(Optimizer.SGD, 0.5, 0, batch, epochs, 0, LossKind.MSE,
                LearningRateSchedule.CONSTANT);
        NtkNetwork net = NtkNetwork.create(spec, 0, DataType.FLOAT, sgd);
        java.util.Random rng = new java.util.Random(0);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        double s = medianSeconds(epochs, () -> {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += batch) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + batch));
                net.fitBatch(Nd4j.pullRows(x, 1, rows), Nd4j.pullRows(y, 1, rows), sgd.learningRate());
            }
        });
        return new double[] {s, n * trainingFlopsPerExample(net.plan())};
    }

    /**
     * Flops of one example's training step: forward, weight gradient and input gradient of every dense or conv
     * layer (2 flops per multiply-add), except the input gradient of the first layer, which nothing needs.
     */
    public static double trainingFlopsPerExample(LayerPlan plan) {
        double f = 0;
        boolean first = true;
        for (PlannedLayer l : plan.layers()) {
            double macs = l.macs();
            if (macs > 0) {
                f += 2 * macs * (first ? 2 : 3);
                first = false;
            }
        }
        return f;
    }

    /** Myrtle-5 of the bench: width 32 on 28×28 grey images, 10 logits, NTK parameterisation, ReLU. */
    public static NetworkSpec myrtle5(int width) {
        return myrtle(Architecture.MYRTLE5, width);
    }

    /**
     * Fast path and Jacobian oracle on the same {@code n} examples: seconds of each (one run after a warm-up
     * for the fast path, one run of the oracle) and the relative L1 difference of the two kernels.
     */
    public static double[] cnnEntkVersusOracle(Architecture arch, int width, int n) {
        INDArray x = sampleInputs(n, Layout.IMAGE, DataType.FLOAT);
        NtkNetwork net = NtkNetwork.create(myrtle(arch, width), 0, DataType.FLOAT, TrainingConfig.sgdMomentum(0.1, 64, 1));
        INDArray[] fast = new INDArray[1];
        double fastSeconds = medianSeconds(1, () -> fast[0] = EmpiricalNtk.of(net, Precision.FLOAT32).compute(x));
        long s = System.nanoTime();
        INDArray oracle = JacobianNtk.of(net, Precision.FLOAT32).compute(x, null, TaskMonitor.NONE);
        double oracleSeconds = (System.nanoTime() - s) / 1e9;
        double err = fast[0].sub(oracle).norm1Number().doubleValue() / oracle.norm1Number().doubleValue();
        return new double[] {fastSeconds, oracleSeconds, err};
    }

    private static NetworkSpec myrtle(Architecture arch, int width) {
        return new NetworkSpec(arch, 0, width, Activation.RELU, Parameterization.NTK, Math.sqrt(2), 0.1, 10,
                new int[] {1, 28, 28});
    }


    /** Train×train NNGP+NTK of an MLP (σ_w² = 2, σ_b = 0.1) on n unit-norm d-dimensional inputs. */
    public static double infiniteNtkSeconds(int n, int d, int depth, Activation activation, long seed) {
        INDArray x = unitNormRows(n, d, seed);
        long start = System.nanoTime();
        KernelPair k = new InfiniteMlpKernel(activation, depth, Math.sqrt(2), 0.1).train(x);
        double seconds = (System.nanoTime() - start) / 1e9;
        requireFinite(k.ntk());
        return seconds;
    }

    /**
     * Median over {@code reps} of the train×train NNGP and NTK of an MLP (σ_w² = 2, σ_b = 0.1) on n unit-norm
     * d-dimensional inputs, streamed panel by panel as a kernel learner takes them (the panels are not assembled):
     * the kernel time that tools/infinite_ntk_numpy.py measures for NumPy.
     */
    public static double infiniteStreamSeconds(int n, int d, int depth, Activation activation, int reps, long seed) {
        INDArray x = unitNormRows(n, d, seed);
        InfiniteMlpKernel kernel = new InfiniteMlpKernel(activation, depth, Math.sqrt(2), 0.1);
        double[] checksum = new double[1];
        double s = medianSeconds(reps, () -> kernel.stream(x, null, (r0, rows, c0, cols, g, t) -> {
            checksum[0] += t[0] + g[rows * cols - 1];
        }, null));
        if (!Double.isFinite(checksum[0])) {
            throw new IllegalStateException("The benchmark kernel is not finite");
        }
        return s;
    }

    /** Kernel ridge regression with an n×n relu NTK and 10 outputs (ridge 1e-4). */
    public static double kernelRidgeSeconds(int n, long seed) {
        INDArray k = reluKernel(n, seed);
        INDArray y = Nd4j.randn(DataType.DOUBLE, n, 10);
        long start = System.nanoTime();
        KernelRidge.fit(k, y, 1e-4);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Full symmetric eigendecomposition (values and vectors) of an n×n relu NTK. */
    public static double eigendecompositionSeconds(int n, long seed) {
        double[] a = DoubleMatrices.toRowMajor(reluKernel(n, seed));
        long start = System.nanoTime();
        SymmetricLapack.eigenInPlace(a, n, true);
        return (System.nanoTime() - start) / 1e9;
    }

    private static INDArray reluKernel(int n, long seed) {
        return new InfiniteMlpKernel(Activation.RELU, 2, Math.sqrt(2), 0.1).train(unitNormRows(n, 64, seed)).ntk();
    }

    private static INDArray unitNormRows(int n, int d, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, d);
        return x.diviColumnVector(x.norm2(1).reshape(n, 1));
    }

    private static void requireFinite(INDArray m) {
        if (!Double.isFinite(m.sumNumber().doubleValue())) {
            throw new IllegalStateException("Benchmark kernel has non-finite entries");
        }
    }

    /** How long a run took to stop after Cancel, and what it was doing when asked. */
    public record CancelLatency(String preset, double cancelAfterSeconds, String stage, double stopSeconds) {
    }

    /**
     * Runs a preset into a scratch folder and cancels it after each delay in turn (a fresh run each time), measuring
     * the time from the request to the runner's return. Must run on the compute thread, like any run.
     */
    public static java.util.List<CancelLatency> cancelLatencies(String preset, double[] delaysSeconds,
                                                               java.nio.file.Path scratch) throws java.io.IOException {
        ExperimentSpec spec = Presets.find(preset).orElseThrow(() -> new IllegalArgumentException("no preset " + preset))
                .spec();
        java.util.List<CancelLatency> out = new java.util.ArrayList<>();
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "cancel-timer");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (int i = 0; i < delaysSeconds.length; i++) {
                java.util.concurrent.atomic.AtomicLong askedAt = new java.util.concurrent.atomic.AtomicLong();
                java.util.concurrent.atomic.AtomicReference<String> stage = new java.util.concurrent.atomic.AtomicReference<>("");
                java.util.concurrent.atomic.AtomicReference<String> stageAtCancel = new java.util.concurrent.atomic.AtomicReference<>();
                TaskMonitor monitor = new TaskMonitor() {
                    @Override
                    public boolean isCancelled() {
                        return askedAt.get() != 0;
                    }
                };
                timer.schedule(() -> {
                    stageAtCancel.set(stage.get());
                    askedAt.set(System.nanoTime());
                }, Math.round(delaysSeconds[i] * 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
                RunFolder folder = RunFolder.create(scratch.resolve(preset + "-" + i), spec);
                new ExperimentRunner(spec, folder, e -> {
                    if (e instanceof ExperimentEvent.Progress p) {
                        stage.set(p.stage());
                    }
                }, monitor).run();
                long ended = System.nanoTime();
                if (askedAt.get() == 0) {
                    // Finished before the cancel came: nothing to measure at this delay.
                    askedAt.set(ended);
                    out.add(new CancelLatency(preset, delaysSeconds[i], "finished first", Double.NaN));
                } else {
                    out.add(new CancelLatency(preset, delaysSeconds[i], stageAtCancel.get(),
                            (ended - askedAt.get()) / 1e9));
                }
            }
        } finally {
            timer.shutdownNow();
        }
        return out;
    }
}
