package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.kernel.EmpiricalNtkFootprint;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DataSplit;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.Split;
import org.ntkexplorer.core.data.SubsetCheck;
import org.ntkexplorer.core.data.SubsetRequest;
import org.ntkexplorer.core.data.Subsets;
import org.ntkexplorer.core.data.Task;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelExport;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.KernelTiles;
import org.ntkexplorer.core.kernel.ModelDescription;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.NetworkFootprint;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;
import org.ntkexplorer.core.experiment.spec.DataSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.NetworkChoice;

/**
 * One kernel on a dataset subset, written as an interchange folder: the {@code kernel} command of the CLI and
 * the window's "export kernel" share it. {@link #check} refuses a job that cannot run before any work.
 *
 * @param data    the dataset, classes and preprocessing, as a spec holds them
 * @param n       examples of the subset
 * @param network the network keys, as a spec holds them (its width is the eNTK network's)
 */
public record KernelJob(DataSpec data, int n, long seed, NetworkChoice network, KernelKind kind,
                        Precision precision) {

    /** The exporter writes each array through one Java buffer, which holds at most this many bytes. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8L;

    /** What was computed, for the caller to report. */
    public record Result(int n, int inputDim, long parameters, double seconds, String description) {
    }

    public Result run(Path out, TaskMonitor monitor) throws IOException {
        return run(DatasetRegistry.open(data.dataset()), out, monitor);
    }

    /** As {@link #run(Path, TaskMonitor)} on the dataset already opened from the job's {@link DataSpec#dataset()}. */
    public Result run(DatasetSource source, Path out, TaskMonitor monitor) throws IOException {
        check(source);
        Prepared p = prepare(source);
        long start = System.nanoTime();
        // Built from the same tiles as the row-blocks of `kernel --block`, so that merged blocks equal it bit for bit.
        INDArray kernel = KernelTiles.full(p.x().rows(), precision.dataType(), p.strips(), monitor);
        double seconds = (System.nanoTime() - start) / 1e9;
        Split train = p.train();
        // Already in the precision's type; the exporter refuses a kernel that is not finite.
        KernelExport.write(out, p.model(), train.inputs(), train.size(), train.inputDim(), train.labels(), kernel,
                p.params());
        return new Result(train.size(), train.inputDim(), p.parameters(), seconds, p.description());
    }

    /** The subset, its network (eNTK) and model description, and the kernel's strips: what a whole kernel and a block share. */
    record Prepared(Split train, String description, INDArray x, Map<String, Object> model,
                    Map<String, INDArray> params, long parameters, KernelTiles.Strips strips) {
    }

    Prepared prepare(DatasetSource source) {
        DataSplit split = Subsets.select(source, new SubsetRequest(data.classes(), n, 0, seed, data.preprocessing(),
                layout()));
        Split train = split.train();
        NetworkSpec spec = network(train.outputs(), train.inputShape());
        INDArray x = Nd4j.create(train.inputs(), new long[] {train.size(), train.inputDim()}, 'c');
        Map<String, INDArray> params = null;
        long parameters = 0;
        KernelTiles.Strips strips;
        if (kind == KernelKind.EMPIRICAL_NTK) {
            NtkNetwork net = NtkNetwork.create(spec, seed, precision.dataType(), TrainingConfig.sgdMomentum(0.1, 64, 1));
            strips = KernelTiles.empirical(net, precision, x.castTo(precision.dataType()));
            params = net.parameters();
            parameters = net.parameterCount();
        } else {
            strips = InfiniteKernelJobs.strips(spec, x, kind, precision);
        }
        Map<String, Object> model = ModelDescription.of(spec, kind, precision, data.preprocessing().describe());
        model.put("dataset", data.dataset());
        model.put("subset", split.description());
        model.put("seed", seed);
        return new Prepared(train, split.description(), x, model, params, parameters, strips);
    }

    /**
     * Refuses the job before any work: first every problem the settings and the dataset's header show, together
     * ({@link InvalidSpecException}); then a peak that does not fit ({@code InsufficientMemoryException}, with the
     * estimate); then sizes beyond what the exporter can write.
     */
    public void check(DatasetSource source) {
        List<String> problems = problems(source);
        if (!problems.isEmpty()) {
            throw InvalidSpecException.ofMessages("The kernel job", problems);
        }
        MemoryBudget.require("The " + kind.id() + " kernel of " + n + " examples in " + precision.id(),
                footprint(source), kind == KernelKind.EMPIRICAL_NTK
                        ? "Use fewer examples (--n), a smaller width or float32."
                        : "Use fewer examples (--n); the infinite-width kernels are computed in float64 whatever the dtype.");
        List<String> limits = limits(source);
        if (!limits.isEmpty()) {
            throw InvalidSpecException.ofMessages("The kernel job", limits);
        }
    }

    /** Every problem of the settings against the dataset's header and labels; empty when the job can run. */
    public List<String> problems(DatasetSource source) {
        List<String> out = new ArrayList<>();
        if (n < 1) {
            out.add("n must be at least 1 (got " + n + ")");
        } else {
            out.addAll(SubsetCheck.of(source).problems(data.classes(), n, 0, layout()));
        }
        try {
            network(outputs(source), inputShape(source));
        } catch (IllegalArgumentException e) {
            out.addAll(Arrays.asList(e.getMessage().replaceFirst("^Invalid network: ", "").split("; ")));
        }
        if (kind != KernelKind.EMPIRICAL_NTK && network.architecture().isConvolutional()) {
            out.add("the " + kind.id() + " kernel is available for MLPs only; " + network.architecture().id()
                    + " has no infinite-width kernel in NTK Explorer (use --kind empirical)");
        }
        if (kind == KernelKind.INFINITE_NTK && network.parameterization() != Parameterization.NTK) {
            out.add("the infinite NTK is defined for NTK parameterisation; use --parameterization ntk (the NNGP is the "
                    + "same for both)");
        }
        return out;
    }

    /** Estimated peak: the subset, the kernel's computation, and its export (copies in ND4J and in Java). */
    public Footprint footprint(DatasetSource source) {
        int d = source.train().exampleLength();
        int w = precision.bytes();
        double inputs = (double) n * d * Double.BYTES;
        double kernel = (double) n * n * w;
        Footprint data = Footprint.of("the subset", 2 * inputs, 2 * inputs);
        Footprint export = Footprint.of("writing kernel.npy", 2 * kernel, 2 * kernel + inputs);
        if (kind == KernelKind.EMPIRICAL_NTK) {
            NetworkSpec spec = network(outputs(source), inputShape(source));
            Footprint net = NetworkFootprint.atInitialisation(spec, w);
            double params = net.offHeapBytes();
            return data.plus(net).plus(EmpiricalNtkFootprint.of(spec, precision, n, n, KernelTiles.tileSide(n)))
                    .plus(export)
                    .plus(Footprint.of("writing params.npz", 2 * params, 2 * params));
        }
        // Strip by strip (KernelTiles): the recursion over one tile row against the rows before it, and the strip.
        int t = KernelTiles.tileSide(n);
        double strip = (double) t * n * Double.BYTES;
        return data.plus(InfiniteMlpKernel.footprint(t, n)).plus(Footprint.of("a strip of the kernel", strip, strip))
                .plus(Footprint.of("the kernel in " + precision.id(), kernel, 0)).plus(export);
    }

    /** Sizes that no amount of memory makes possible: Java's array limits in the recursion and the exporter. */
    private List<String> limits(DatasetSource source) {
        List<String> out = new ArrayList<>();
        if (kind == KernelKind.EMPIRICAL_NTK) {
            out.addAll(NetworkFootprint.problems(network(outputs(source), inputShape(source))));
        }
        // The infinite-width kernels are built strip by strip (at most 1024 × n per Java array), so only the
        // exporter's limit applies to them.
        double kernelBytes = (double) n * n * precision.bytes();
        if (kernelBytes > MAX_ARRAY_BYTES) {
            out.add(String.format("kernel.npy of %d×%d %s values would be %s, and the exporter writes at most 2 GiB per "
                    + "array; use float32 or fewer examples", n, n, precision.id(),
                    MemoryBudget.gib((long) kernelBytes)));
        }
        if ((double) n * source.train().exampleLength() * Double.BYTES > MAX_ARRAY_BYTES) {
            out.add("inputs.npy of " + n + " examples would exceed the exporter's 2 GiB per array; use fewer examples");
        }
        return out;
    }

    private Layout layout() {
        return network.architecture().isConvolutional() ? Layout.IMAGE : Layout.FLAT;
    }

    private int outputs(DatasetSource source) {
        if (source.task() == Task.REGRESSION) {
            return source.outputs();
        }
        int[] classes = data.classes();
        return classes == null ? source.classNames().size() : classes.length;
    }

    private int[] inputShape(DatasetSource source) {
        int[] shape = source.train().shape();
        return layout() == Layout.IMAGE && shape.length == 3 ? shape : new int[] {source.train().exampleLength()};
    }

    /** The network of this job on {@code source}'s shapes. */
    NetworkSpec network(DatasetSource source) {
        return network(outputs(source), inputShape(source));
    }

    private NetworkSpec network(int outputs, int[] inputShape) {
        return network.on(outputs, inputShape);
    }
}
