package org.ntkexplorer.core.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.CancelledException;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DataSplit;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.SubsetRequest;
import org.ntkexplorer.core.data.Subsets;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelAlignment;
import org.ntkexplorer.core.kernel.KernelBlocks;
import org.ntkexplorer.core.kernel.KernelExport;
import org.ntkexplorer.core.kernel.KernelSpectrum;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Trainer;
import org.ntkexplorer.core.regression.KernelRidge;
import org.ntkexplorer.core.scaling.PowerLawFit;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.scaling.ScalingPoint;

/**
 * Runs an {@link ExperimentSpec} into a {@link RunFolder}, reporting {@link ExperimentEvent}s. Everything runs on
 * the calling thread, which must be the compute thread; results are written as soon as each unit finishes, and a
 * resumed run skips what the folder already holds.
 */
public final class ExperimentRunner {
    private static final int SPECTRUM_KEPT = 500;
    private final ExperimentSpec spec;
    private final RunFolder folder;
    private final ExperimentListener listener;
    private final TaskMonitor monitor;
    private final DataType dt;
    private final Map<Learner, List<ScalingPoint>> errorPoints = new LinkedHashMap<>();
    private final Map<Learner, List<ScalingPoint>> msePoints = new LinkedHashMap<>();
    private final Map<String, PowerLawFitResult> fits = new LinkedHashMap<>();
    private final List<ExperimentEvent.WidthPointDone> widthPoints = new ArrayList<>();
    private DatasetSource source;
    private double unitsDone;
    private double unitsTotal;

    public ExperimentRunner(ExperimentSpec spec, RunFolder folder, ExperimentListener listener, TaskMonitor monitor) {
        this.spec = spec;
        this.folder = folder;
        this.listener = listener;
        this.monitor = monitor;
        this.dt = spec.dtype().dataType();
    }

    /** Runs to the end, or until cancelled or failed; either way reports one final event and never throws. */
    public void run() {
        long start = System.nanoTime();
        try {
            folder.log("start " + spec.study().id());
            source = DatasetRegistry.open(spec.dataset());
            switch (spec.study()) {
                case SCALING, PRETRAINED -> scaling();
                case DYNAMICS -> dynamics();
                case WIDTH_SWEEP -> widthSweep();
                default -> throw new IllegalStateException(spec.study().toString());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            folder.log(String.format("finished in %.1f s", seconds));
            listener.onEvent(new ExperimentEvent.Finished(folder.dir(), seconds));
        } catch (CancelledException e) {
            folder.log("cancelled");
            listener.onEvent(new ExperimentEvent.Failed("cancelled; finished results are kept in " + folder.dir(), true));
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            folder.log("failed: " + reason);
            listener.onEvent(new ExperimentEvent.Failed(reason, false));
        }
    }

    private Layout layout() {
        return spec.architecture().isConvolutional() ? Layout.IMAGE : Layout.FLAT;
    }

    private DataSplit split(int n, long seed) {
        return Subsets.select(source, new SubsetRequest(spec.classes(), n, spec.nTest(), seed, spec.preprocessing(),
                layout()));
    }

    /**
     * Frees what finished networks still hold off-heap: DL4J keeps a thread's workspaces until they are
     * destroyed, and ND4J frees other buffers only once the collector runs. Without this a sweep over many
     * widths grew until the operating system killed it.
     */
    private static void releaseMemory() {
        org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
    }

    private void progress(double withinUnit, String stage) {
        double f = unitsTotal == 0 ? 0 : Math.min(1, (unitsDone + withinUnit) / unitsTotal);
        listener.onEvent(new ExperimentEvent.Progress(f, stage));
    }

    // ---------------------------------------------------------------- study 1 and 2: data scaling

    private void scaling() throws IOException {
        Set<String> done = new HashSet<>();
        Set<String> snapshotted = new HashSet<>();
        Learner owner = snapshotOwner();
        for (String[] row : folder.rows("results.csv")) {
            done.add(row[0] + "|" + row[1] + "|" + row[2]);
            if (owner != null && row[0].equals(owner.id())) {
                snapshotted.add(row[2] + "|" + row[1]);
            }
            restorePoint(row);
        }
        // Snapshots of a unit whose owner did not finish are taken again when the unit is redone.
        folder.retain("dynamics.csv", row -> snapshotted.contains(row[0] + "|" + row[1]));
        folder.retain("spectra.csv", row -> snapshotted.contains(row[0] + "|" + row[1]));
        int[] grid = spec.nGrid();
        unitsTotal = (double) spec.seeds() * grid.length;
        for (long seed = 0; seed < spec.seeds(); seed++) {
            NtkNetwork pretrained = null;
            for (int n : grid) {
                monitor.checkCancelled();
                List<Learner> todo = new ArrayList<>();
                for (Learner l : spec.learners()) {
                    if (!done.contains(l.id() + "|" + n + "|" + seed)) {
                        todo.add(l);
                    }
                }
                if (!todo.isEmpty()) {
                    if (todo.contains(Learner.ENTK_PRETRAINED) && pretrained == null) {
                        pretrained = pretrain(seed);
                    }
                    scalingUnit(n, seed, todo, pretrained);
                    releaseMemory();
                }
                unitsDone++;
                progress(0, "n = " + n + ", seed " + seed);
            }
        }
    }

    /**
     * The learner whose unit takes the probe-kernel snapshots of a scaling study: the network (its kernel before
     * and after training), else the eNTK at initialisation (before only), else none.
     */
    private Learner snapshotOwner() {
        if (spec.learners().contains(Learner.NETWORK)) {
            return Learner.NETWORK;
        }
        return spec.learners().contains(Learner.ENTK_INIT) ? Learner.ENTK_INIT : null;
    }

    private void scalingUnit(int n, long seed, List<Learner> todo, NtkNetwork pretrained) {
        DataSplit split = split(n, seed);
        PreparedSplit train = PreparedSplit.of(split.train(), dt);
        PreparedSplit test = PreparedSplit.of(split.test(), dt);
        NtkNetwork net = NtkNetwork.create(spec.network(spec.width(), train.outputs(), train.inputShape()), seed, dt,
                spec.training());
        // Kernels of the network at initialisation come first: training changes the same network.
        PreparedSplit probe = train.head(spec.probeSize());
        INDArray k0 = null;
        if (todo.contains(snapshotOwner())) {
            referenceSpectrum(probe, seed, n);
            k0 = probeKernel(net, probe);
            snapshot(net, probe, test, seed, n, 0, k0, k0, null, 0, Double.NaN,
                    Evaluation.of(net.logits(test.inputs()), test).error());
        }
        for (Learner l : todo) {
            if (l == Learner.ENTK_INIT) {
                kernelLearner(l, n, seed, train, test, () -> empiricalBlocks(net, train, test));
            } else if (l == Learner.ENTK_PRETRAINED) {
                kernelLearner(l, n, seed, train, test, () -> empiricalBlocks(pretrained, train, test));
            } else if (l.needsInfiniteKernel()) {
                kernelLearner(l, n, seed, train, test, () -> infiniteBlocks(l, train, test));
            }
        }
        if (todo.contains(Learner.NETWORK)) {
            long start = System.nanoTime();
            double trainLoss = train(net, train, test, n, seed, 0.2);
            Evaluation e = Evaluation.of(net.logits(test.inputs()), test);
            // The probe kernel before and after training shows how far this network's kernel moved.
            if (spec.epochs() > 0) {
                INDArray kt = probeKernel(net, probe);
                snapshot(net, probe, test, seed, n, spec.epochs(), k0, kt, k0, spec.epochs(), trainLoss, e.error());
            }
            point(new ExperimentEvent.ScalingPointDone(Learner.NETWORK, n, seed, e.error(), e.mse(), trainLoss,
                    (System.nanoTime() - start) / 1e9));
        }
    }

    /** A network trained on n0 examples of the seed's subset (disjoint from its test set); its after-kernel. */
    private NtkNetwork pretrain(long seed) {
        DataSplit split = split(spec.n0(), seed);
        PreparedSplit train = PreparedSplit.of(split.train(), dt);
        PreparedSplit test = PreparedSplit.of(split.test(), dt);
        NtkNetwork net = NtkNetwork.create(spec.network(spec.width(), train.outputs(), train.inputShape()),
                1_000_003L + seed, dt, spec.training());
        folder.log("pre-training on n0 = " + spec.n0() + " for seed " + seed);
        train(net, train, test, spec.n0(), seed, 0);
        return net;
    }

    private interface BlockSupplier {
        INDArray[] get();
    }

    private void kernelLearner(Learner l, int n, long seed, PreparedSplit train, PreparedSplit test, BlockSupplier k) {
        monitor.checkCancelled();
        progress(0.05, l.id() + " kernel, n = " + n);
        long start = System.nanoTime();
        INDArray[] blocks = k.get();
        INDArray predictions = KernelRidge.fit(blocks[0], train.regressionTargets(), spec.ridge()).predict(blocks[1]);
        Evaluation e = Evaluation.of(predictions, test);
        point(new ExperimentEvent.ScalingPointDone(l, n, seed, e.error(), e.mse(), Double.NaN,
                (System.nanoTime() - start) / 1e9));
    }

    private INDArray[] empiricalBlocks(NtkNetwork net, PreparedSplit train, PreparedSplit test) {
        EmpiricalNtk ntk = EmpiricalNtk.of(net, spec.dtype(), 0, monitor);
        return new INDArray[] {ntk.compute(train.inputs()), ntk.compute(test.inputs(), train.inputs())};
    }

    private INDArray[] infiniteBlocks(Learner l, PreparedSplit train, PreparedSplit test) {
        KernelBlocks b = infiniteKernel()
                .compute(train.inputs(), test.inputs());
        return l == Learner.NNGP ? new INDArray[] {b.train().nngp(), b.testTrain().nngp()}
                : new INDArray[] {b.train().ntk(), b.testTrain().ntk()};
    }

    private InfiniteMlpKernel infiniteKernel() {
        return new InfiniteMlpKernel(spec.activation(), spec.depth(), spec.sigmaW(), spec.sigmaB()).withMonitor(monitor);
    }

    private void point(ExperimentEvent.ScalingPointDone p) {
        folder.appendResult(p);
        listener.onEvent(p);
        addPoint(p.learner(), p.n(), p.seed(), p.testError(), p.testMse());
        refit(p.learner());
    }

    private void restorePoint(String[] row) {
        try {
            Learner l = Learner.fromId(row[0]);
            addPoint(l, Integer.parseInt(row[1]), Long.parseLong(row[2]), parse(row[3]), parse(row[4]));
        } catch (IllegalArgumentException e) {
            folder.log("ignored a results.csv row it cannot read: " + String.join(",", row));
        }
    }

    private static double parse(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private void addPoint(Learner l, int n, long seed, double error, double mse) {
        if (error > 0) {
            errorPoints.computeIfAbsent(l, k -> new ArrayList<>()).add(new ScalingPoint(n, seed, error));
        }
        if (mse > 0) {
            msePoints.computeIfAbsent(l, k -> new ArrayList<>()).add(new ScalingPoint(n, seed, mse));
        }
    }

    /** Refits a learner's power laws when it has points at two or more sizes; bootstrap CIs over seeds. */
    private void refit(Learner l) {
        fitOne(l, "test_error", errorPoints.get(l));
        fitOne(l, "test_mse", msePoints.get(l));
        folder.writeFits(fits);
    }

    private void fitOne(Learner l, String metric, List<ScalingPoint> points) {
        if (points == null || points.stream().mapToDouble(ScalingPoint::n).distinct().count() < 2) {
            return;
        }
        PowerLawFitResult f = new PowerLawFit(1000, PowerLawFit.DEFAULT_LEVEL, 0, false).fit(points);
        fits.put(l.id() + "/" + metric, f);
        listener.onEvent(new ExperimentEvent.FitUpdated(l, metric, f));
    }

    /**
     * Trains for the spec's epochs, reporting each epoch (test figures on the given test split).
     *
     * @param share fraction of the current progress unit that training takes
     * @return the last epoch's mean training loss
     */
    private double train(NtkNetwork net, PreparedSplit train, PreparedSplit test, int n, long seed, double share) {
        Trainer trainer = new Trainer(net, spec.training(), train.inputs(), train.trainingTargets(spec.loss()), seed);
        double loss = Double.NaN;
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            loss = trainer.trainEpoch(monitor);
            Evaluation.requireFinite(loss, "the training loss at epoch " + epoch);
            epochEvent(net, train, test, n, seed, epoch, loss);
            progress(share + (1 - share) * epoch / spec.epochs(), "training n = " + n + ", epoch " + epoch);
        }
        return loss;
    }

    private Evaluation epochEvent(NtkNetwork net, PreparedSplit train, PreparedSplit test, int n, long seed, int epoch,
                                  double loss) {
        Evaluation tr = Evaluation.of(net.logits(train.inputs()), train);
        Evaluation te = Evaluation.of(net.logits(test.inputs()), test);
        listener.onEvent(new ExperimentEvent.EpochDone(n, seed, epoch, spec.epochs(), loss, tr.error(), te.mse(),
                te.error()));
        return te;
    }

    // ---------------------------------------------------------------- study 3: kernel dynamics

    private void dynamics() throws IOException {
        int n = spec.nGrid()[0];
        Set<Long> complete = new HashSet<>();
        for (String[] row : folder.rows("dynamics.csv")) {
            if (Integer.parseInt(row[2]) == spec.epochs()) {
                complete.add(Long.parseLong(row[0]));
            }
        }
        // A seed that stopped part-way is redone from its start.
        folder.retain("dynamics.csv", row -> complete.contains(Long.parseLong(row[0])));
        folder.retain("spectra.csv", row -> complete.contains(Long.parseLong(row[0])));
        unitsTotal = spec.seeds();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            if (!complete.contains(seed)) {
                dynamicsSeed(n, seed);
                releaseMemory();
            }
            unitsDone++;
        }
    }

    private void dynamicsSeed(int n, long seed) {
        DataSplit split = split(n, seed);
        PreparedSplit train = PreparedSplit.of(split.train(), dt);
        PreparedSplit test = PreparedSplit.of(split.test(), dt);
        PreparedSplit probe = train.head(spec.probeSize());
        NtkNetwork net = NtkNetwork.create(spec.network(spec.width(), train.outputs(), train.inputShape()), seed, dt,
                spec.training());
        INDArray k0 = probeKernel(net, probe);
        referenceSpectrum(probe, seed, n);
        Evaluation te = Evaluation.of(net.logits(test.inputs()), test);
        snapshot(net, probe, test, seed, n, 0, k0, k0, null, 0, Double.NaN, te.error());
        Trainer trainer = new Trainer(net, spec.training(), train.inputs(), train.trainingTargets(spec.loss()), seed);
        INDArray previous = k0;
        int previousEpoch = 0;
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            double loss = trainer.trainEpoch(monitor);
            Evaluation.requireFinite(loss, "the training loss at epoch " + epoch);
            Evaluation e = epochEvent(net, train, test, n, seed, epoch, loss);
            if (epoch % spec.snapshotEvery() == 0 || epoch == spec.epochs()) {
                progress((epoch - 0.5) / spec.epochs(), "kernel snapshot, epoch " + epoch);
                INDArray k = probeKernel(net, probe);
                snapshot(net, probe, test, seed, n, epoch, k0, k, previous, epoch - previousEpoch, loss, e.error());
                previous = k;
                previousEpoch = epoch;
            }
            progress((double) epoch / spec.epochs(), "training, epoch " + epoch);
        }
    }

    /** The infinite NTK's spectrum on the probe set, where the architecture has one. */
    private void referenceSpectrum(PreparedSplit probe, long seed, int n) {
        if (spec.architecture().isConvolutional() || spec.parameterization() != org.ntkexplorer.core.model.Parameterization.NTK) {
            return;
        }
        INDArray theta = infiniteKernel()
                .train(probe.inputs()).ntk();
        double[] eig = top(KernelSpectrum.of(theta).eigenvalues());
        folder.appendSpectrum(seed, n, -1, RunFolder.INFINITE_NTK, eig);
        listener.onEvent(new ExperimentEvent.ReferenceSpectrum("infinite NTK", eig));
    }

    private INDArray probeKernel(NtkNetwork net, PreparedSplit probe) {
        return EmpiricalNtk.of(net, spec.dtype(), 0, monitor).compute(probe.inputs());
    }

    /** The largest eigenvalues that events carry and spectra.csv keeps. */
    private static double[] top(double[] eigenvalues) {
        return java.util.Arrays.copyOf(eigenvalues, Math.min(eigenvalues.length, SPECTRUM_KEPT));
    }

    private void snapshot(NtkNetwork net, PreparedSplit probe, PreparedSplit test, long seed, int n, int epoch, INDArray k0,
                          INDArray k, INDArray previous, int deltaEpochs, double trainLoss, double testError) {
        KernelSpectrum spectrum = KernelSpectrum.of(k);
        double slope = slopeOf(spectrum);
        double regression = Double.NaN;
        if (spec.snapshotRegression()) {
            INDArray kt = EmpiricalNtk.of(net, spec.dtype(), 0, monitor).compute(test.inputs(), probe.inputs());
            regression = Evaluation.of(KernelRidge.fit(k, probe.regressionTargets(), spec.ridge()).predict(kt), test)
                    .error();
        }
        double[] eig = top(spectrum.eigenvalues());
        ExperimentEvent.KernelSnapshot s = new ExperimentEvent.KernelSnapshot(seed, n, epoch, eig,
                spectrum.effectiveRank(), slope,
                KernelAlignment.distance(k0, k),
                previous == null ? Double.NaN : KernelAlignment.velocity(previous, k, deltaEpochs),
                previous == null ? Double.NaN : KernelAlignment.cka(previous, k),
                probe.labels() == null ? Double.NaN : KernelAlignment.targetAlignment(k, probe.labels()), regression,
                KernelPicture.of(k, probe.labels()));
        // The dynamics row comes last: on resume it is what marks the snapshot as taken.
        folder.appendSpectrum(seed, n, epoch, "entk", eig);
        if (spec.saveKernels()) {
            folder.saveKernel(seed, n, epoch, KernelExport.toNpy(k), probe.labels());
        }
        folder.appendDynamics(s, trainLoss, testError);
        listener.onEvent(s);
    }

    /** The fitted decay exponent of a spectrum, NaN when too few eigenvalues are positive to fit one. */
    private static double slopeOf(KernelSpectrum spectrum) {
        try {
            return spectrum.powerLawSlope().beta();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    // ---------------------------------------------------------------- study 4: width sweep

    private void widthSweep() throws IOException {
        Set<String> done = new HashSet<>();
        for (String[] row : folder.rows("width.csv")) {
            done.add(row[0] + "|" + row[1]);
            widthPoints.add(new ExperimentEvent.WidthPointDone(Integer.parseInt(row[0]), Long.parseLong(row[1]),
                    parse(row[2]), parse(row[3]), parse(row[4]), parse(row[5])));
        }
        if (!widthPoints.isEmpty()) {
            refitWidths();
        }
        int n = spec.nGrid()[0];
        int[] widths = spec.widths();
        unitsTotal = (double) widths.length * spec.seeds();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            DataSplit split = split(n, seed);
            PreparedSplit train = PreparedSplit.of(split.train(), dt);
            PreparedSplit test = PreparedSplit.of(split.test(), dt);
            PreparedSplit probe = train.head(spec.probeSize());
            INDArray theta = infiniteKernel()
                    .train(probe.inputs()).ntk();
            double thetaNorm = theta.norm2Number().doubleValue();
            for (int width : widths) {
                monitor.checkCancelled();
                if (!done.contains(width + "|" + seed)) {
                    NtkNetwork net = NtkNetwork.create(spec.network(width, train.outputs(), train.inputShape()), seed,
                            dt, spec.training());
                    INDArray k0 = probeKernel(net, probe).castTo(DataType.DOUBLE);
                    double toInfinite = k0.sub(theta).norm2Number().doubleValue() / thetaNorm;
                    train(net, train, test, n, seed, 0.1);
                    INDArray kt = probeKernel(net, probe).castTo(DataType.DOUBLE);
                    Evaluation e = Evaluation.of(net.logits(test.inputs()), test);
                    ExperimentEvent.WidthPointDone w = new ExperimentEvent.WidthPointDone(width, seed, toInfinite,
                            KernelAlignment.distance(k0, kt), e.error(), e.mse());
                    folder.appendWidth(w);
                    listener.onEvent(w);
                    widthPoints.add(w);
                    refitWidths();
                    releaseMemory();
                }
                unitsDone++;
                progress(0, "width " + width + ", seed " + seed);
            }
        }
    }

    /** Refits each width-sweep measure against the width once two widths have a value; bootstrap CIs over seeds. */
    private void refitWidths() {
        for (WidthMeasure m : WidthMeasure.values()) {
            List<ScalingPoint> points = new ArrayList<>();
            for (ExperimentEvent.WidthPointDone w : widthPoints) {
                double v = m.of(w);
                if (Double.isFinite(v) && v > 0) {
                    points.add(new ScalingPoint(w.width(), w.seed(), v));
                }
            }
            if (points.stream().mapToDouble(ScalingPoint::n).distinct().count() < 2) {
                continue;
            }
            PowerLawFitResult f = new PowerLawFit(1000, PowerLawFit.DEFAULT_LEVEL, 0, false).fit(points);
            fits.put(WidthMeasure.FIT_PREFIX + m.id(), f);
            listener.onEvent(new ExperimentEvent.WidthFitUpdated(m, f));
        }
        folder.writeFits(fits);
    }

    /** The fits so far, keyed "learner/metric" (and "width-sweep/measure" for a width sweep). */
    public Map<String, PowerLawFitResult> fits() {
        return Map.copyOf(fits);
    }
}
