package org.ntkexplorer.core.experiment.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.model.TrainingBudget;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;

/**
 * An experiment as a user writes it in JSON. Every field has a default except {@code study}; unknown keys and
 * impossible values are rejected together, in one {@link InvalidSpecException}.
 *
 * @param nGrid      training-set sizes (scaling, pretrained); dynamics uses the first
 * @param widths     widths of a width sweep (other studies use {@code width})
 * @param probeSize  examples of the fixed probe set on which kernel dynamics are measured
 * @param ridge      kernel-regression ridge, relative to the mean diagonal of K
 * @param n0         training examples of the pre-trained network (study "pretrained")
 * @param snapshotEvery epochs between kernel snapshots (dynamics)
 * @param snapshotRegression also kernel-regress with each probe-kernel snapshot (costs a test×probe kernel each)
 * @param saveKernels keep each probe-kernel snapshot as .npy under kernels/ in the run folder
 * @param budget     how long each network trains: epochs, a step budget, or a stopping rule with a cap
 * @param centered   train and evaluate the network as f − f₀, its change since initialisation
 * @param richness   the output scale α of the centred network α·(f − f₀) (NaN: off, the plain network)
 * @param richnessGrid the values of α a richness study trains at
 * @param init       the law of the initial weights and biases (docs/science.md, §Initialisation)
 */
public record ExperimentSpec(Study study, String dataset, int[] classes, int[] nGrid, int nTest, int seeds,
                             Preprocessing preprocessing, Architecture architecture, int depth, int width,
                             int[] widths, Activation activation, Parameterization parameterization, double sigmaW,
                             double sigmaB, Optimizer optimizer, double learningRate, double momentum, int batchSize,
                             TrainingBudget budget, double weightDecay, LossKind loss, LearningRateSchedule schedule,
                             List<Learner> learners, int probeSize, double ridge, Precision dtype, int n0,
                             int snapshotEvery, boolean snapshotRegression, boolean saveKernels, boolean centered,
                             double richness, double[] richnessGrid, Init init) {

    /** A spec with He-normal initialisation, the law every spec had before init was a choice. */
    public ExperimentSpec(Study study, String dataset, int[] classes, int[] nGrid, int nTest, int seeds,
                          Preprocessing preprocessing, Architecture architecture, int depth, int width,
                          int[] widths, Activation activation, Parameterization parameterization, double sigmaW,
                          double sigmaB, Optimizer optimizer, double learningRate, double momentum, int batchSize,
                          TrainingBudget budget, double weightDecay, LossKind loss, LearningRateSchedule schedule,
                          List<Learner> learners, int probeSize, double ridge, Precision dtype, int n0,
                          int snapshotEvery, boolean snapshotRegression, boolean saveKernels, boolean centered,
                          double richness, double[] richnessGrid) {
        this(study, dataset, classes, nGrid, nTest, seeds, preprocessing, architecture, depth, width, widths,
                activation, parameterization, sigmaW, sigmaB, optimizer, learningRate, momentum, batchSize, budget,
                weightDecay, loss, schedule, learners, probeSize, ridge, dtype, n0, snapshotEvery, snapshotRegression,
                saveKernels, centered, richness, richnessGrid, Init.HE);
    }

    public ExperimentSpec {
        init = init == null ? Init.HE : init;
        sigmaW = init.freeSigmaW() ? sigmaW : init.sigmaW();
        classes = classes == null ? null : classes.clone();
        nGrid = nGrid.clone();
        widths = widths.clone();
        learners = List.copyOf(learners);
        richnessGrid = richnessGrid.clone();
    }

    @Override
    public double[] richnessGrid() {
        return richnessGrid.clone();
    }

    /** Epochs of an epoch budget; 0 for a step budget or a stopping rule. */
    public int epochs() {
        return budget.epochs();
    }

    /**
     * What the training loss sees of this spec's networks: α·(f − f₀) at its richness, f − f₀ when centred, else f.
     * (A richness study sets α per unit itself.)
     */
    public OutputTransform transform() {
        if (!Double.isNaN(richness)) {
            return OutputTransform.centered(richness);
        }
        return centered ? OutputTransform.centered(1) : OutputTransform.NONE;
    }

    @Override
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    @Override
    public int[] nGrid() {
        return nGrid.clone();
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** The same spec with another learning rate and test-set size (a learning-rate sweep's trial). */
    public ExperimentSpec withTrial(double rate, int testSize) {
        return new ExperimentSpec(study, dataset, classes, nGrid, testSize, seeds, preprocessing, architecture, depth,
                width, widths, activation, parameterization, sigmaW, sigmaB, optimizer, rate, momentum, batchSize,
                budget, weightDecay, loss, schedule, learners, probeSize, ridge, dtype, n0, snapshotEvery,
                snapshotRegression, false, centered, richness, richnessGrid, init);
    }

    /** The same spec drawn from another initialisation law (σ_w back to the law's own, σ_b kept). */
    public ExperimentSpec withInit(Init law) {
        return new ExperimentSpec(study, dataset, classes, nGrid, nTest, seeds, preprocessing, architecture, depth,
                width, widths, activation, parameterization, law.sigmaW(), sigmaB, optimizer, learningRate, momentum,
                batchSize, budget, weightDecay, loss, schedule, learners, probeSize, ridge, dtype, n0, snapshotEvery,
                snapshotRegression, saveKernels, centered, richness, richnessGrid, law);
    }

    /** The same spec at another depth (what the memory estimate would be with a usual depth). */
    public ExperimentSpec withDepth(int atDepth) {
        return new ExperimentSpec(study, dataset, classes, nGrid, nTest, seeds, preprocessing, architecture, atDepth,
                width, widths, activation, parameterization, sigmaW, sigmaB, optimizer, learningRate, momentum,
                batchSize, budget, weightDecay, loss, schedule, learners, probeSize, ridge, dtype, n0, snapshotEvery,
                snapshotRegression, saveKernels, centered, richness, richnessGrid, init);
    }

    public TrainingConfig training() {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, budget.epochs(), weightDecay, loss,
                schedule);
    }

    /** The network of this spec at a given width, for data of the given input shape and outputs. */
    public NetworkSpec network(int atWidth, int outputs, int[] inputShape) {
        return new NetworkSpec(architecture, depth, atWidth, activation, parameterization, sigmaW, sigmaB, outputs,
                inputShape, init);
    }

    /** The values of a spec's fields, as a reader has them. */
    interface Values {
        <T> T get(SpecField<T> field);
    }

    /** The spec of the fields' values. */
    static ExperimentSpec of(Values v) {
        return new ExperimentSpec(v.get(SpecFields.STUDY), v.get(SpecFields.DATASET), v.get(SpecFields.CLASSES),
                v.get(SpecFields.N_GRID), v.get(SpecFields.N_TEST), v.get(SpecFields.SEEDS),
                v.get(SpecFields.PREPROCESSING), v.get(SpecFields.ARCHITECTURE), v.get(SpecFields.DEPTH),
                v.get(SpecFields.WIDTH), v.get(SpecFields.WIDTHS), v.get(SpecFields.ACTIVATION),
                v.get(SpecFields.PARAMETERIZATION), v.get(SpecFields.SIGMA_W), v.get(SpecFields.SIGMA_B),
                v.get(SpecFields.OPTIMIZER), v.get(SpecFields.LEARNING_RATE), v.get(SpecFields.MOMENTUM),
                v.get(SpecFields.BATCH_SIZE), v.get(SpecFields.TRAIN_UNTIL), v.get(SpecFields.WEIGHT_DECAY),
                v.get(SpecFields.LOSS), v.get(SpecFields.SCHEDULE), v.get(SpecFields.LEARNERS),
                v.get(SpecFields.PROBE_SIZE), v.get(SpecFields.RIDGE), v.get(SpecFields.DTYPE), v.get(SpecFields.N0),
                v.get(SpecFields.SNAPSHOT_EVERY), v.get(SpecFields.SNAPSHOT_REGRESSION), v.get(SpecFields.SAVE_KERNELS),
                v.get(SpecFields.CENTERED), v.get(SpecFields.RICHNESS), v.get(SpecFields.RICHNESS_GRID),
                v.get(SpecFields.INIT));
    }

    public static ExperimentSpec read(Path file) throws IOException {
        return SpecReader.parse(Files.readString(file), file.toString());
    }

    public static ExperimentSpec parse(String json) {
        return SpecReader.parse(json, "spec");
    }

    /**
     * The spec of a JSON that names only its study (scaling): every other key at its default. The one default of
     * each key; the command line's options that name a spec key take theirs from here.
     */
    public static ExperimentSpec defaults() {
        return Defaults.SPEC;
    }

    /** Read once, on first use (a holder, so that reading it does not run while this class initialises). */
    private static final class Defaults {
        static final ExperimentSpec SPEC = SpecReader.parse("{\"" + SpecFields.STUDY.key() + "\": \""
                + SpecFields.STUDY.defaultText() + "\"}", "the default spec");
    }

    /** Keys in the order of {@link SpecFields#ALL}; {@link #parse} accepts exactly these. */
    public Map<String, Object> toMap() {
        return SpecFields.write(this);
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Problems of combination that single fields cannot show, keyed by the field to change; empty when it runs. */
    public List<InvalidSpecException.Problem> crossProblems() {
        List<InvalidSpecException.Problem> p = new ArrayList<>();
        if (architecture.isConvolutional()) {
            for (Learner l : learners) {
                if (l.needsInfiniteKernel()) {
                    p.add(new InvalidSpecException.Problem(SpecFields.LEARNERS.key(), "learner " + l.id()
                            + " needs an MLP: " + architecture.id() + " has no infinite-width kernel"));
                }
            }
        }
        StudyRules def = Studies.of(study);
        if (def.scalingLaw() && Arrays.stream(nGrid).distinct().count() < 2) {
            p.add(new InvalidSpecException.Problem(SpecFields.N_GRID.key(), SpecFields.N_GRID.key()
                    + " needs at least two distinct sizes to fit a scaling law"));
        }
        p.addAll(def.problems(this));
        if (!def.richnessGrid() && richnessGrid.length > 0) {
            p.add(new InvalidSpecException.Problem(SpecFields.RICHNESS_GRID.key(), SpecFields.RICHNESS_GRID.key()
                    + " is used by the richness study only"));
        }
        boolean scaled = !Double.isNaN(richness) || def.richnessGrid();
        if (scaled && optimizer == Optimizer.ADAM) {
            p.add(new InvalidSpecException.Problem(SpecFields.OPTIMIZER.key(), "richness cannot be combined with "
                    + "Adam: Adam's steps do not shrink with the loss's 1/α² scale, so α would not move the network between the lazy "
                    + "and the rich regime. Use sgd or momentum"));
        }
        if (scaled && !centered) {
            p.add(new InvalidSpecException.Problem(SpecFields.CENTERED.key(), "richness trains the centred network "
                    + "α·(f − f₀): " + SpecFields.CENTERED.key() + " must be true (or left out)"));
        }
        return p;
    }
}
