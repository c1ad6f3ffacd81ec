package org.ntkexplorer.core.experiment.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.SubsetCheck;
import org.ntkexplorer.core.data.Task;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.NetworkFootprint;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.experiment.spec.StudyParams;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.Learner;

/**
 * Everything about a run that the spec and the dataset's header can tell, checked before any work: a run that
 * cannot finish is refused at once, with every problem listed, instead of failing at its largest n after the
 * smaller ones were computed, or in native code after a minute of allocation retries.
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * Refuses a run that cannot finish: first every problem of the spec against the dataset, together
     * ({@link InvalidSpecException}); then a peak that does not fit in memory
     * ({@link org.ntkexplorer.core.compute.InsufficientMemoryException}, with the estimate and what to change);
     * then sizes beyond the Java arrays the computations run in ({@link InvalidSpecException}).
     *
     * @return the estimated peak of the largest step, the one checked (for run.log)
     */
    public static Footprint check(ExperimentSpec spec, DatasetSource source) {
        String title = "The " + spec.study().id() + " run on " + source.spec();
        List<String> problems = problems(spec, source);
        if (!problems.isEmpty()) {
            throw InvalidSpecException.ofMessages(title, problems);
        }
        RunFootprint peak = footprint(spec, source);
        MemoryBudget.require(title + " at its largest step (" + peak.where() + ")", peak.footprint(),
                advice(spec, source, peak.footprint()));
        List<String> limits = limits(spec, source);
        if (!limits.isEmpty()) {
            throw InvalidSpecException.ofMessages(title, limits);
        }
        return peak.footprint();
    }

    /** Every problem of the spec against the dataset's header and labels; empty when the run can start. */
    static List<String> problems(ExperimentSpec spec, DatasetSource source) {
        Set<String> out = new LinkedHashSet<>(spec.crossProblems().stream().map(InvalidSpecException.Problem::message)
                .toList());
        SubsetCheck subsets = SubsetCheck.of(source);
        Layout layout = spec.architecture().isConvolutional() ? Layout.IMAGE : Layout.FLAT;
        StudyDefinition study = StudyDefinition.of(spec.study());
        int[] sizes = study.sizes(spec);
        String key = study.scalingLaw() ? "nGrid: " : "nGrid[0] (the n of a " + spec.study().id() + " study): ";
        List<String> classProblems = subsets.classProblems(spec.classes(), layout);
        out.addAll(classProblems);
        if (classProblems.isEmpty()) {
            for (int n : sizes) {
                subsets.sizeProblems(spec.classes(), n, spec.nTest()).forEach(p -> out.add(keyed(key, p)));
            }
            if (study.pretrains() || spec.learners().contains(Learner.ENTK_PRETRAINED)) {
                // The pre-training set is kept apart from the largest regression training set.
                int largest = Arrays.stream(spec.nGrid()).max().orElse(0);
                subsets.sizeProblems(spec.classes(), largest + spec.n0(), spec.nTest()).forEach(p -> out.add(
                        keyed("n0 (its examples are kept apart from the largest n of nGrid, so n0 + n must fit): ",
                                p)));
            }
        }
        boolean shapeOk = classProblems.stream().noneMatch(p -> p.startsWith("a CNN needs image examples"));
        if (spec.loss() == LossKind.CROSS_ENTROPY && source.task() == Task.REGRESSION) {
            out.add("loss cross-entropy needs class labels, and " + source.spec() + " is a regression dataset; "
                    + "use loss mse");
        }
        if (shapeOk) {
            for (int width : widths(spec)) {
                try {
                    spec.network(width, outputs(spec, source), inputShape(spec, source));
                } catch (IllegalArgumentException e) {
                    for (String p : e.getMessage().replaceFirst("^Invalid network: ", "").split("; ")) {
                        out.add(spec.params() instanceof StudyParams.WidthSweep ? "widths: " + p : p);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** A size problem under the key it comes from; one about nTest alone names nTest itself. */
    private static String keyed(String key, String problem) {
        return problem.startsWith("nTest = ") ? problem : key + problem;
    }

    /** The estimated peak of the run's largest step. */
    static RunFootprint footprint(ExperimentSpec spec, DatasetSource source) {
        int[] shape = inputShape(spec, source);
        RunFootprint.Shape data = new RunFootprint.Shape(shape, Arrays.stream(shape).reduce(1, (a, b) -> a * b),
                outputs(spec, source));
        return StudyDefinition.of(spec.study()).footprint(spec, data);
    }

    /** Sizes that no amount of memory makes possible: layers and kernels held in single Java arrays. */
    private static List<String> limits(ExperimentSpec spec, DatasetSource source) {
        List<String> out = new ArrayList<>();
        for (int width : widths(spec)) {
            NetworkSpec net = spec.network(width, outputs(spec, source), inputShape(spec, source));
            out.addAll(NetworkFootprint.problems(net));
        }
        int most = InfiniteMlpKernel.maxExamples();
        boolean kernels = spec.learners().stream().anyMatch(l -> l != Learner.NETWORK);
        int n = Arrays.stream(spec.nGrid()).max().orElse(0);
        if (StudyDefinition.of(spec.study()).scalingLaw() && kernels && n > most && !OutOfCoreKernels.allowed()) {
            out.add("nGrid: kernel regression in memory holds the n×n kernel in one Java array, so n can be at most "
                    + most + " (got " + n + ") with -D" + OutOfCoreKernels.MODE_PROPERTY + "=never");
        }
        if ((double) spec.nTest() * n > Integer.MAX_VALUE - 8.0 && kernels) {
            out.add("nTest × n = " + (long) spec.nTest() * n + " entries of the test kernel exceed one Java array; "
                    + "use a smaller nTest");
        }
        if (Math.min(spec.probeSize(), spec.nGrid()[0]) > most) {
            out.add("probeSize can be at most " + most + " (the probe kernel is held in one Java array)");
        }
        return out;
    }

    /** The depth below which a network's depth is not what to change first. */
    private static final int USUAL_DEPTH = 2;

    /**
     * What to change: the depth when it multiplies the estimate (every hidden layer holds its activations,
     * parameters and eNTK features, so "use a smaller width" would miss the point at depth 100000), otherwise by the
     * part of the estimate that dominates it.
     */
    static String advice(ExperimentSpec spec, DatasetSource source, Footprint peak) {
        if (spec.depth() > USUAL_DEPTH) {
            double usual = footprint(spec.withDepth(USUAL_DEPTH), source).footprint().totalBytes();
            if (peak.totalBytes() > 4 * usual) {
                return "Use a smaller depth: each of the " + spec.depth() + " hidden layers holds its own activations, "
                        + "parameters and eNTK features, so the estimate grows with the depth (at depth " + USUAL_DEPTH
                        + " it would be about " + MemoryBudget.gib(usual) + ").";
            }
        }
        return advice(peak.largestPart().what());
    }

    /** What to change, by the part of the estimate that dominates it. */
    static String advice(String largestPart) {
        if (largestPart.startsWith(KernelLearners.EMPIRICAL_KERNEL)) {
            return OutOfCoreKernels.allowed()
                    ? "The eNTK learners (entk-init, entk-pretrained) fit neither with their n×n kernel in memory nor "
                    + "with it in tile files in the run folder, beside what else is alive. Use fewer examples (nGrid, "
                    + "nTest), a smaller width, or leave them out of learners."
                    : "The eNTK learners (entk-init, entk-pretrained) keep their n×n kernel in memory with -D"
                    + OutOfCoreKernels.MODE_PROPERTY + "=never. Drop it, so that the kernel goes to tile files in the "
                    + "run folder, or use fewer examples (nGrid).";
        }
        if (largestPart.startsWith("eNTK features")) {
            return "Use a smaller width: the eNTK's features of each example grow with it (with its square for a CNN).";
        }
        if (largestPart.contains("network parameters")) {
            return "Use a smaller width (the network's parameters grow with its square).";
        }
        if (largestPart.startsWith("training activations")) {
            return "Use a smaller batchSize or width.";
        }
        if (largestPart.startsWith("activations of the forward passes")) {
            return "Use a smaller width, or fewer compute threads (--threads): each thread evaluates the network on "
                    + NetworkFootprint.EVALUATION_PART_ROWS + " examples at a time.";
        }
        if (largestPart.startsWith("the subset")) {
            return "Use fewer examples (nGrid, nTest).";
        }
        return "Use fewer examples (nGrid, nTest, probeSize), or dtype float32 for the empirical kernels.";
    }

    private static int[] widths(ExperimentSpec spec) {
        return StudyDefinition.of(spec.study()).widths(spec);
    }

    private static int outputs(ExperimentSpec spec, DatasetSource source) {
        if (source.task() == Task.REGRESSION) {
            return source.outputs();
        }
        return spec.classes() == null ? source.classNames().size() : spec.classes().length;
    }

    private static int[] inputShape(ExperimentSpec spec, DatasetSource source) {
        int[] shape = source.train().shape();
        return spec.architecture().isConvolutional() && shape.length == 3 ? shape
                : new int[] {source.train().exampleLength()};
    }

    /** Exposed for the footprint's parts in tests and for callers that show the estimate before a run. */
    public static Footprint estimate(ExperimentSpec spec, DatasetSource source) {
        return footprint(spec, source).footprint();
    }
}
