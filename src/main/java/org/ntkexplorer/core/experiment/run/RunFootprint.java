package org.ntkexplorer.core.experiment.run;

import java.util.function.BiFunction;
import org.ntkexplorer.core.kernel.EmpiricalNtkFootprint;
import org.ntkexplorer.core.experiment.spec.StudyParams;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelSpectrum;
import org.ntkexplorer.core.model.NetworkFootprint;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.regression.KernelRidge;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;

/**
 * The estimated peak of a run's largest step, following what {@link ExperimentRunner} holds at once: the subset
 * and the networks alive throughout a unit, plus the largest of the steps that follow one another within it
 * (training, probe kernels and their spectra, each kernel learner's blocks and regression).
 *
 * @param where the step, for the refusal ("n = 4096, width 512")
 */
public record RunFootprint(String where, Footprint footprint) {

    /** The peak of a scaling or pre-trained study: its largest n, with the pre-trained network alive beside it. */
    public static RunFootprint scaling(ExperimentSpec spec, Shape data) {
        return scaling(spec, data, (net, n) -> Footprint.NONE);
    }

    /**
     * A scaling study's peak with one more step of the study's own after the kernel learners at the largest n (the
     * richness study's eNTK gradient flow), given the network and n.
     */
    public static RunFootprint scaling(ExperimentSpec spec, Shape data, BiFunction<NetworkSpec, Integer, Footprint> extra) {
        int n = max(spec.nGrid());
        NetworkSpec net = spec.network(spec.width(), data.outputs(), data.inputShape());
        int w = spec.dtype().bytes();
        Footprint alive = subset(spec, data, n).plus(spec.learners().contains(Learner.NETWORK)
                ? NetworkFootprint.trained(net, w, spec.training(), Math.max(n, spec.nTest()))
                : NetworkFootprint.atInitialisation(net, w));
        if (spec.learners().contains(Learner.ENTK_PRETRAINED)) {
            alive = alive.plus(rename(NetworkFootprint.trained(net, w, spec.training(),
                    Math.max(spec.n0(), spec.nTest())), "pre-trained network"));
        }
        Footprint step = probe(spec, net, data, Math.min(spec.probeSize(), n), 1);
        int infinite = 0;
        for (Learner l : spec.learners()) {
            if (l == Learner.ENTK_INIT || l == Learner.ENTK_PRETRAINED) {
                // In memory, or in tile files on disk when its n×n buffer does not fit (OutOfCoreEmpirical).
                int tile = OutOfCoreKernels.chooseEmpirical(alive, net, spec.dtype(), n, spec.nTest(), data.outputs());
                step = Footprint.larger(step, tile > 0
                        ? OutOfCoreKernels.empiricalFootprint(net, spec.dtype(), n, spec.nTest(), data.outputs(), tile)
                        : KernelLearners.empiricalFootprint(net, spec.dtype(), n, spec.nTest(), data.outputs()));
            } else if (l.needsInfiniteKernel()) {
                infinite++;
            }
        }
        step = Footprint.larger(step, extra.apply(net, n));
        if (infinite > 0) {
            // The infinite NTK and the NNGP share one pass and one n×n buffer (KernelLearners.runInfinite), or go to
            // tile files on disk when that buffer does not fit beside what is alive (OutOfCoreKernels).
            int tile = OutOfCoreKernels.choose(alive, n, spec.nTest(), data.inputDim(), data.outputs(), infinite);
            step = Footprint.larger(step, tile > 0
                    ? OutOfCoreKernels.footprint(n, spec.nTest(), data.inputDim(), data.outputs(), infinite, tile)
                    : KernelLearners.infiniteFootprint(n, spec.nTest(), data.inputDim(), data.outputs(), infinite));
        }
        return new RunFootprint("n = " + n + ", width " + spec.width(), alive.plus(step));
    }

    /** A dynamics study: one network at the first n, three probe kernels kept (initial, previous, current). */
    public static RunFootprint dynamics(ExperimentSpec spec, Shape data) {
        int n = spec.nGrid()[0];
        NetworkSpec net = spec.network(spec.width(), data.outputs(), data.inputShape());
        Footprint alive = subset(spec, data, n)
                .plus(NetworkFootprint.trained(net, spec.dtype().bytes(), spec.training(), Math.max(n, spec.nTest())));
        return new RunFootprint("n = " + n + ", width " + spec.width(),
                alive.plus(probe(spec, net, data, Math.min(spec.probeSize(), n), 3)));
    }

    /** A width sweep: the largest footprint over its widths, each network trained at the first n. */
    public static RunFootprint widthSweep(ExperimentSpec spec, Shape data) {
        int n = spec.nGrid()[0];
        int p = Math.min(spec.probeSize(), n);
        RunFootprint largest = null;
        for (int width : spec.params(StudyParams.WidthSweep.class).widths()) {
            NetworkSpec net = spec.network(width, data.outputs(), data.inputShape());
            double probeDouble = (double) p * p * Double.BYTES;
            Footprint f = subset(spec, data, n)
                    .plus(NetworkFootprint.trained(net, spec.dtype().bytes(), spec.training(), Math.max(n, spec.nTest())))
                    .plus(InfiniteMlpKernel.footprint(p, 0))
                    .plus(EmpiricalNtkFootprint.of(net, spec.dtype(), p, p))
                    .plus(Footprint.of("probe kernels in float64", 3 * probeDouble, 0));
            if (largest == null || f.totalBytes() > largest.footprint().totalBytes()) {
                largest = new RunFootprint("n = " + n + ", width " + width, f);
            }
        }
        return largest;
    }

    /** The training and test subsets as Java arrays and as ND4J arrays in the run's precision. */
    private static Footprint subset(ExperimentSpec spec, Shape data, int n) {
        double values = ((double) n + spec.nTest()) * data.inputDim();
        return Footprint.of("the subset", values * (Double.BYTES + spec.dtype().bytes()), 2 * values * Double.BYTES);
    }

    /**
     * One probe-kernel snapshot: its eNTK (with {@code kept} earlier snapshots alive), its spectrum, the infinite
     * NTK's reference spectrum for MLPs, and the optional regression with the snapshot.
     */
    private static Footprint probe(ExperimentSpec spec, NetworkSpec net, Shape data, int p, int kept) {
        Footprint f = EmpiricalNtkFootprint.of(net, spec.dtype(), p, p)
                .plus(Footprint.of("earlier probe kernels", (kept - 1.0) * p * p * spec.dtype().bytes(), 0))
                .plus(KernelSpectrum.footprint(p));
        if (!spec.architecture().isConvolutional() && spec.parameterization() == Parameterization.NTK) {
            f = f.plus(InfiniteMlpKernel.footprint(p, 0));
        }
        if (spec.snapshotRegression()) {
            f = f.plus(EmpiricalNtkFootprint.of(net, spec.dtype(), spec.nTest(), p))
                    .plus(KernelRidge.footprint(p, data.outputs()));
        }
        return f;
    }

    private static Footprint rename(Footprint f, String prefix) {
        Footprint out = Footprint.NONE;
        for (Footprint.Part part : f.parts()) {
            out = out.plus(Footprint.of(prefix + ": " + part.what(), part.offHeapBytes(), part.heapBytes()));
        }
        return out;
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** What the estimates need to know of the dataset: the network's input and output sizes. */
    public record Shape(int[] inputShape, int inputDim, int outputs) {
    }
}
