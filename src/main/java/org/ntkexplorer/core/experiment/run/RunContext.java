package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DataSplit;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.SubsetRequest;
import org.ntkexplorer.core.data.Subsets;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.experiment.analysis.Fits;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * What every study of one run shares: the spec, the folder, the listener, the monitor, the opened dataset, progress
 * over units, and the few computations all of them make (subsets, networks, probe kernels). Belongs to the compute
 * thread.
 */
public final class RunContext {
    public final ExperimentSpec spec;
    public final RunFolder folder;
    public final TaskMonitor monitor;
    final DataType dt;
    final DatasetSource source;
    /** Row blocks per infinite-width kernel when the run computes them as block units (0: in one pass). */
    public final int kernelBlocks;
    private final ExperimentListener listener;
    private double unitsDone;
    private double unitsTotal;

    RunContext(ExperimentSpec spec, RunFolder folder, ExperimentListener listener, TaskMonitor monitor,
               DatasetSource source) {
        this.spec = spec;
        this.folder = folder;
        this.listener = listener;
        this.monitor = monitor;
        this.dt = spec.dtype().dataType();
        this.source = source;
        this.kernelBlocks = RunKernelBlocks.blocksOf(folder.dir());
    }

    public void emit(ExperimentEvent e) {
        listener.onEvent(e);
    }

    void setUnits(double done, double total) {
        unitsDone = done;
        unitsTotal = total;
    }

    void unitDone() {
        unitsDone++;
    }

    /** Overall progress, {@code withinUnit} ∈ [0, 1] being how far the current unit has come. */
    public void progress(double withinUnit, String stage) {
        double f = unitsTotal == 0 ? 0 : Math.min(1, (unitsDone + Math.max(0, Math.min(1, withinUnit))) / unitsTotal);
        listener.onEvent(new ExperimentEvent.Progress(f, stage));
    }

    /** The train and test subsets of a size and seed, as arrays in the spec's precision. */
    public PreparedSplit[] split(int n, long seed) {
        return prepare(select(source, n, seed));
    }

    /** The subsets of a size and seed drawn from {@code from} (the run's dataset or a view of it). */
    DataSplit select(DatasetSource from, int n, long seed) {
        Layout layout = spec.architecture().isConvolutional() ? Layout.IMAGE : Layout.FLAT;
        return Subsets.select(from, new SubsetRequest(spec.classes(), n, spec.nTest(), seed, spec.preprocessing(),
                layout));
    }

    PreparedSplit[] prepare(DataSplit s) {
        return new PreparedSplit[] {PreparedSplit.of(s.train(), dt), PreparedSplit.of(s.test(), dt)};
    }

    /** A network of the spec at a width, initialised from {@code initSeed}, trained through {@code transform}. */
    public NtkNetwork network(int width, PreparedSplit train, long initSeed, OutputTransform transform) {
        return NtkNetwork.create(spec.network(width, train.outputs(), train.inputShape()), initSeed, dt,
                spec.training(), transform);
    }

    public INDArray probeKernel(NtkNetwork net, PreparedSplit probe) {
        return EmpiricalNtk.of(net, spec.dtype(), 0, monitor).compute(probe.inputs());
    }

    /**
     * The infinite-width kernels of the spec's MLP. In standard parameterisation they are the limits of the same
     * architecture with the same σ_w and σ_b: the NNGP is the same in both parameterisations, and the NTK is the
     * NTK-parameterised limit (docs/science.md, §Infinite-width kernels), with the variances of the spec's
     * initialisation law (§Initialisation); {@code inputDim} is the fan-in of the first layer.
     */
    public InfiniteMlpKernel infiniteKernel(long inputDim) {
        InfiniteMlpKernel k = InfiniteMlpKernel.of(spec.network(spec.width(), 1, new int[] {(int) inputDim}))
                .withMonitor(monitor);
        // Tests split a small kernel into several panels, to have several row blocks of it (RunKernelBlocksTest).
        Integer panel = Integer.getInteger(RunKernelBlocks.PANEL_PROPERTY);
        return panel == null ? k : k.withPanelValues(panel);
    }

    public void appendResult(ResultRow row) {
        folder.table(ResultRow.SCHEMA).append(row);
        emit(new ExperimentEvent.ScalingPointDone(row));
        refit();
    }

    /** Rewrites fits.json from every row in the folder and reports each fit. */
    public void refit() {
        Map<FitKey, FitEntry> fits;
        try {
            fits = Fits.refit(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<FitKey, FitEntry> f : fits.entrySet()) {
            if (f.getKey() instanceof FitKey.OfLearner l) {
                emit(new ExperimentEvent.FitUpdated(l, f.getValue()));
            } else if (f.getKey() instanceof FitKey.OfWidth w) {
                emit(new ExperimentEvent.WidthFitUpdated(w.measure(), f.getValue().fit()));
            }
        }
        try {
            ExperimentEvent.ClaimChecked.all(StudyDefinition.of(spec.study()).claim(), folder.table(ResultRow.SCHEMA).read()).forEach(this::emit);
            StudyDefinition.of(spec.study()).verdicts(folder, true).forEach(this::emit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
