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
 * impossible values are rejected together, in one {@link InvalidSpecException}. Its keys are held in parts that
 * can be used alone ({@link DataSpec} by the {@code kernel} command); the flat accessors read through to them,
 * and {@link SpecFields} spells every key once.
 */
public record ExperimentSpec(Study study, DataSpec data, SampleSizes sizes, NetworkChoice networkChoice,
                             TrainingChoice trainingChoice, KernelSpec kernel, StudyParams params) {

    // Flat accessors, one per key, as SpecFields and the studies read them.

    public String dataset() { return data.dataset(); }

    public int[] classes() { return data.classes(); }

    public Preprocessing preprocessing() { return data.preprocessing(); }

    public int[] nGrid() { return sizes.nGrid(); }

    public int nTest() { return sizes.nTest(); }

    public int seeds() { return sizes.seeds(); }

    public Architecture architecture() { return networkChoice.architecture(); }

    public int depth() { return networkChoice.depth(); }

    public int width() { return networkChoice.width(); }

    public Activation activation() { return networkChoice.activation(); }

    public Parameterization parameterization() { return networkChoice.parameterization(); }

    public double sigmaW() { return networkChoice.sigmaW(); }

    public double sigmaB() { return networkChoice.sigmaB(); }

    public Init init() { return networkChoice.init(); }

    public Optimizer optimizer() { return trainingChoice.optimizer(); }

    public double learningRate() { return trainingChoice.learningRate(); }

    public double momentum() { return trainingChoice.momentum(); }

    public int batchSize() { return trainingChoice.batchSize(); }

    /** How long each network trains: epochs, a step budget, or a stopping rule with a cap. */
    public TrainingBudget budget() { return trainingChoice.budget(); }

    /** Epochs of an epoch budget; 0 for a step budget or a stopping rule. */
    public int epochs() { return trainingChoice.budget().epochs(); }

    public double weightDecay() { return trainingChoice.weightDecay(); }

    public LossKind loss() { return trainingChoice.loss(); }

    public LearningRateSchedule schedule() { return trainingChoice.schedule(); }

    public boolean centered() { return trainingChoice.centered(); }

    public double richness() { return trainingChoice.richness(); }

    public List<Learner> learners() { return kernel.learners(); }

    public int probeSize() { return kernel.probeSize(); }

    public double ridge() { return kernel.ridge(); }

    public Precision dtype() { return kernel.dtype(); }

    public boolean saveKernels() { return kernel.saveKernels(); }

    public int n0() { return kernel.n0(); }

    public boolean snapshotRegression() { return kernel.snapshotRegression(); }

    /**
     * The keys of its study's own, of the kind the caller knows the study to hold (a width sweep asks for
     * {@link StudyParams.WidthSweep}); another kind is a bug in the caller, named as such.
     */
    public <P extends StudyParams> P params(Class<P> kind) {
        if (!kind.isInstance(params)) {
            throw new IllegalStateException("a " + study + " spec holds " + params.getClass().getSimpleName()
                    + " keys, not " + kind.getSimpleName());
        }
        return kind.cast(params);
    }

    /** What the training loss sees of this spec's networks ({@link TrainingChoice#transform()}). */
    public OutputTransform transform() {
        return trainingChoice.transform();
    }

    /** The same spec with another learning rate and test-set size (a learning-rate sweep's trial). */
    public ExperimentSpec withTrial(double rate, int testSize) {
        return new ExperimentSpec(study, data, new SampleSizes(sizes.nGrid(), testSize, sizes.seeds()), networkChoice,
                trainingChoice.withLearningRate(rate), kernel.withoutSaving(), params);
    }

    /** The same spec drawn from another initialisation law (σ_w back to the law's own, σ_b kept). */
    public ExperimentSpec withInit(Init law) {
        return new ExperimentSpec(study, data, sizes, networkChoice.withInit(law), trainingChoice, kernel, params);
    }

    /** The same spec at another depth (what the memory estimate would be with a usual depth). */
    public ExperimentSpec withDepth(int atDepth) {
        return new ExperimentSpec(study, data, sizes, networkChoice.withDepth(atDepth), trainingChoice, kernel, params);
    }

    public TrainingConfig training() {
        return trainingChoice.config();
    }

    /** The network of this spec at a given width, for data of the given input shape and outputs. */
    public NetworkSpec network(int atWidth, int outputs, int[] inputShape) {
        return networkChoice.at(atWidth, outputs, inputShape);
    }

    /** The values of a spec's fields, as a reader has them. */
    public interface Values {
        <T> T get(SpecField<T> field);
    }

    /** The spec of the fields' values. */
    static ExperimentSpec of(Values v) {
        return new ExperimentSpec(v.get(SpecFields.STUDY),
                new DataSpec(v.get(SpecFields.DATASET), v.get(SpecFields.CLASSES), v.get(SpecFields.PREPROCESSING)),
                new SampleSizes(v.get(SpecFields.N_GRID), v.get(SpecFields.N_TEST), v.get(SpecFields.SEEDS)),
                new NetworkChoice(v.get(SpecFields.ARCHITECTURE), v.get(SpecFields.DEPTH), v.get(SpecFields.WIDTH),
                        v.get(SpecFields.ACTIVATION), v.get(SpecFields.PARAMETERIZATION), v.get(SpecFields.SIGMA_W),
                        v.get(SpecFields.SIGMA_B), v.get(SpecFields.INIT)),
                new TrainingChoice(v.get(SpecFields.OPTIMIZER), v.get(SpecFields.LEARNING_RATE),
                        v.get(SpecFields.MOMENTUM), v.get(SpecFields.BATCH_SIZE), v.get(SpecFields.TRAIN_UNTIL),
                        v.get(SpecFields.WEIGHT_DECAY), v.get(SpecFields.LOSS), v.get(SpecFields.SCHEDULE),
                        v.get(SpecFields.CENTERED), v.get(SpecFields.RICHNESS)),
                new KernelSpec(v.get(SpecFields.LEARNERS), v.get(SpecFields.PROBE_SIZE), v.get(SpecFields.RIDGE),
                        v.get(SpecFields.DTYPE), v.get(SpecFields.SAVE_KERNELS), v.get(SpecFields.N0),
                        v.get(SpecFields.SNAPSHOT_REGRESSION)),
                Studies.of(v.get(SpecFields.STUDY)).params(v));
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
        if (architecture().isConvolutional()) {
            for (Learner l : learners()) {
                if (l.needsInfiniteKernel()) {
                    p.add(new InvalidSpecException.Problem(SpecFields.LEARNERS.key(), "learner " + l.id()
                            + " needs an MLP: " + architecture().id() + " has no infinite-width kernel"));
                }
            }
        }
        StudyRules def = Studies.of(study);
        if (def.scalingLaw() && Arrays.stream(nGrid()).distinct().count() < 2) {
            p.add(new InvalidSpecException.Problem(SpecFields.N_GRID.key(), SpecFields.N_GRID.key()
                    + " needs at least two distinct sizes to fit a scaling law"));
        }
        p.addAll(def.problems(this));
        boolean scaled = !Double.isNaN(richness()) || def.richnessGrid();
        if (scaled && optimizer() == Optimizer.ADAM) {
            p.add(new InvalidSpecException.Problem(SpecFields.OPTIMIZER.key(), "richness cannot be combined with "
                    + "Adam: Adam's steps do not shrink with the loss's 1/α² scale, so α would not move the network between the lazy "
                    + "and the rich regime. Use sgd or momentum"));
        }
        if (scaled && !centered()) {
            p.add(new InvalidSpecException.Problem(SpecFields.CENTERED.key(), "richness trains the centred network "
                    + "α·(f − f₀): " + SpecFields.CENTERED.key() + " must be true (or left out)"));
        }
        return p;
    }
}
