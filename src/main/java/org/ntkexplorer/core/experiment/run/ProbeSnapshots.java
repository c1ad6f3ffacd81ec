package org.ntkexplorer.core.experiment.run;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.Finite;
import org.ntkexplorer.core.kernel.KernelAlignment;
import org.ntkexplorer.core.kernel.KernelExport;
import org.ntkexplorer.core.kernel.KernelSpectrum;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.regression.KernelRidge;
import org.ntkexplorer.core.experiment.store.KernelPicture;
import org.ntkexplorer.core.experiment.store.SpectrumRow;
import org.ntkexplorer.core.experiment.store.DynamicsRow;

/**
 * Probe-kernel snapshots (docs/science.md, §Kernel metrics): the eNTK of a network on the fixed probe set, its
 * spectrum and its movement, written to spectra.csv, kernels/ and, last, dynamics.csv.
 */
public final class ProbeSnapshots {
    private static final int SPECTRUM_KEPT = 500;
    private static final String DIVERGED = "Training diverged: the network's weights are no longer finite numbers. "
            + "Lower the learning rate or use a smaller σ_w.";
    private final RunContext ctx;

    public ProbeSnapshots(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The infinite NTK's spectrum on the probe set, where it is comparable with the eNTK's: an MLP in NTK
     * parameterisation (a standard-parameterised eNTK grows with width, so its eigenvalues sit far above it).
     */
    public void referenceSpectrum(PreparedSplit probe, long seed, int n) {
        if (ctx.spec.architecture().isConvolutional() || ctx.spec.parameterization() != Parameterization.NTK) {
            return;
        }
        INDArray theta = ctx.infiniteKernel(probe.inputs().columns()).train(probe.inputs()).ntk();
        double[] eig = top(KernelSpectrum.of(theta).eigenvalues());
        ctx.folder.table(SpectrumRow.SCHEMA).append(SpectrumRow.of(seed, n, -1, 0, SpectrumRow.INFINITE_NTK, eig));
        ctx.emit(new ExperimentEvent.ReferenceSpectrum("infinite NTK", eig));
    }

    /**
     * One snapshot of kernel k, taken after {@code epoch} epochs ({@code step} steps).
     *
     * @param previous the last snapshot's kernel, null for the first
     */
    public void take(NtkNetwork net, PreparedSplit probe, PreparedSplit test, long seed, int n, int epoch, long step,
              INDArray k0, INDArray k, INDArray previous, int deltaEpochs, double trainLoss, double testError) {
        Finite.requireFinite(k, "The network's eNTK on the probe set after epoch " + epoch, DIVERGED);
        KernelSpectrum spectrum = KernelSpectrum.of(k);
        double regression = Double.NaN;
        if (ctx.spec.snapshotRegression()) {
            INDArray kt = EmpiricalNtk.of(net, ctx.spec.dtype(), 0, ctx.monitor).compute(test.inputs(),
                    probe.inputs());
            regression = Evaluation.of(KernelRidge.fit(k, probe.regressionTargets(), ctx.spec.ridge()).predict(kt),
                    test).error();
        }
        double[] eig = top(spectrum.eigenvalues());
        ExperimentEvent.KernelSnapshot s = new ExperimentEvent.KernelSnapshot(seed, n, epoch, step, eig,
                spectrum.effectiveRank(), slopeOf(spectrum), KernelAlignment.distance(k0, k),
                previous == null ? Double.NaN : KernelAlignment.velocity(previous, k, deltaEpochs),
                previous == null ? Double.NaN : KernelAlignment.cka(previous, k),
                probe.labels() == null ? Double.NaN : KernelAlignment.targetAlignment(k, probe.labels()), regression,
                KernelPicture.of(k, probe.labels()));
        // The dynamics row comes last: on resume it is what marks the snapshot as taken.
        ctx.folder.table(SpectrumRow.SCHEMA).append(SpectrumRow.of(seed, n, epoch, step, SpectrumRow.EMPIRICAL, eig));
        if (ctx.spec.saveKernels()) {
            ctx.folder.saveKernel(seed, n, epoch, KernelExport.toNpy(k), probe.labels());
        }
        ctx.folder.table(DynamicsRow.SCHEMA).append(s.row(trainLoss, testError));
        ctx.emit(s);
    }

    /** The largest eigenvalues that events carry and spectra.csv keeps. */
    private static double[] top(double[] eigenvalues) {
        return Arrays.copyOf(eigenvalues, Math.min(eigenvalues.length, SPECTRUM_KEPT));
    }

    /** The fitted decay exponent of a spectrum, NaN when too few eigenvalues are positive to fit one. */
    private static double slopeOf(KernelSpectrum spectrum) {
        try {
            return spectrum.powerLawSlope().beta();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
