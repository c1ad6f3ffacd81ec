package org.ntkexplorer.core.experiment.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingBudget;
import static org.ntkexplorer.core.experiment.spec.SpecField.OMIT;

/**
 * The table of a spec's keys, the one place each is spelled. Its order is the order of spec.json (and of the
 * problems a reader reports), which must not change: a run is sealed with the hash of that text.
 */
public final class SpecFields {
    private SpecFields() {
    }

    public static final SpecField<Study> STUDY = SpecField.choice("study", Study.SCALING, Study::fromId, Study::id,
                    ExperimentSpec::study)
            .readAs(r -> {
                String key = SpecFields.STUDY.key();
                if (!r.has(key)) {
                    r.problem(key, key + " is missing (scaling, pretrained, dynamics, width-sweep or richness)");
                }
                return r.named(key, Study.SCALING, Study::fromId);
            })
            .form("Study", "scaling (claim 1), pretrained (claim 2), dynamics (claim 3), width-sweep (the NTK limit) "
                    + "or richness (the lazy–rich dial)");
    public static final SpecField<String> DATASET = SpecField.text("dataset", "fashion-mnist-sample",
            ExperimentSpec::dataset).form("Dataset", "A dataset string: fashion-mnist-sample (bundled), fashion-mnist, "
            + "idx:IMAGES,LABELS, cifar10:DIR, npz:FILE, teacher-student, gaussian-mixture; '…' picks a file or "
            + "folder");
    /** null (every class) unless given; null in JSON means the same. */
    public static final SpecField<int[]> CLASSES = SpecField.<int[]>custom("classes", null,
                    r -> r.hasValue(SpecFields.CLASSES.key()) ? r.ints(SpecFields.CLASSES.key(), new int[0], 0)
                            : null, ExperimentSpec::classes, ExperimentSpec::classes)
            .form("Classes", "Class ids to keep, separated by commas (empty: all classes)");
    public static final SpecField<int[]> N_GRID = SpecField.wholes("nGrid", new int[] {100, 200, 400, 800}, 1,
            ExperimentSpec::nGrid).form("Training-set sizes n", "Training-set sizes, separated by commas; dynamics "
            + "and the width sweep use the first");
    public static final SpecField<Integer> N_TEST = SpecField.whole("nTest", 1000, 1, ExperimentSpec::nTest)
            .form("Test examples", "Test examples (the same test set for every n of a seed)");
    public static final SpecField<Integer> SEEDS = SpecField.whole("seeds", 3, 1, ExperimentSpec::seeds)
            .form("Seeds", "Independent repeats: each seed draws its own subsets and initialisation");
    public static final SpecField<Preprocessing> PREPROCESSING = SpecField.choice("preprocessing",
                    Preprocessing.STANDARDIZE_CHANNELS, Preprocessing::fromId, Preprocessing::id,
                    ExperimentSpec::preprocessing)
            .form("Preprocessing", "How inputs are scaled before training");
    public static final SpecField<Architecture> ARCHITECTURE = SpecField.choice("architecture", Architecture.MLP,
                    Architecture::fromId, Architecture::id, ExperimentSpec::architecture)
            .form("Architecture", "An MLP, or a Myrtle CNN of depth 5, 7 or 10");
    public static final SpecField<Integer> DEPTH = SpecField.whole("depth", 2, 1, ExperimentSpec::depth)
            .form("Depth", "Hidden layers of the MLP");
    public static final SpecField<Integer> WIDTH = SpecField.whole("width", 512, 1, ExperimentSpec::width)
            .form("Width", "Hidden units (MLP) or channels (CNN): any whole number").forSomeStudies();
    public static final SpecField<int[]> WIDTHS = SpecField.wholes("widths", new int[0], 1,
                    s -> s.params() instanceof StudyParams.WidthSweep w ? w.widths() : new int[0])
            .form("Sweep widths", "Widths of a width sweep, separated by commas").forSomeStudies().studysOwn();
    public static final SpecField<Activation> ACTIVATION = SpecField.choice("activation", Activation.RELU,
            Activation::fromId, Activation::id, ExperimentSpec::activation)
            .form("Activation", "Nonlinearity of the hidden layers");
    public static final SpecField<Parameterization> PARAMETERIZATION = SpecField.choice("parameterization",
                    Parameterization.NTK, Parameterization::fromId, Parameterization::id,
                    ExperimentSpec::parameterization)
            .form("Parameterisation", "ntk: multipliers σ/√fan_in in the function (NTK theory); standard: only in "
                    + "the initialisation");
    /**
     * He-normal, the default, is left out of spec.json so that the spec.json of runs made before init was a choice
     * still matches; the other laws fix σ_w (and pytorch σ_b too), so only what the law leaves free is written.
     */
    public static final SpecField<Init> INIT = SpecField.choice("init", Init.HE, Init::fromId, Init::id,
                    ExperimentSpec::init).writtenWhen(s -> s.init() != Init.HE)
            .form("Initialisation", "Law of the initial weights and biases: he, weights N(0, σ_w²/fan_in) with σ_w = "
                    + "√2 and biases N(0, σ_b²); lecun, weights N(0, 1/fan_in) and biases N(0, σ_b²); pytorch, "
                    + "PyTorch's default, weights and biases U(±1/√fan_in). The infinite-width kernels use the same "
                    + "variances");
    /** Its default is the init law's σ_w (√2 for he). */
    public static final SpecField<Double> SIGMA_W = SpecField.number("sigmaW", Init.HE.sigmaW(), 0, false,
                    ExperimentSpec::sigmaW)
            .readAs(r -> SpecFields.SIGMA_W.readInRange(r, r.value(INIT).sigmaW()))
            .writtenWhen(s -> heldUnder(SpecFields.SIGMA_W, s.init()))
            .form("σ_w (weights)", "Weight scale σ_w of the initialisation");
    public static final SpecField<Double> SIGMA_B = SpecField.number("sigmaB", 0.1, 0, true,
                    ExperimentSpec::sigmaB).readAs(SpecChecks::sigmaB)
            .writtenWhen(s -> heldUnder(SpecFields.SIGMA_B, s.init()))
            .form("σ_b (biases)", "Bias scale σ_b of the initialisation");
    public static final SpecField<Optimizer> OPTIMIZER = SpecField.choice("optimizer", Optimizer.MOMENTUM,
            Optimizer::fromId, Optimizer::id, ExperimentSpec::optimizer)
            .form("Optimiser", "sgd, SGD with Nesterov momentum, or Adam");
    public static final SpecField<Double> LEARNING_RATE = SpecField.number("learningRate", 0.1, 0, false,
            ExperimentSpec::learningRate).form("Learning rate", "Step size of the optimiser");
    public static final SpecField<Double> MOMENTUM = SpecField.number("momentum", 0.9, 0, true,
                    ExperimentSpec::momentum).readAs(SpecChecks::momentum)
            .form("Momentum", "Momentum (β₁ for Adam)");
    public static final SpecField<Integer> BATCH_SIZE = SpecField.whole("batchSize", 64, 1,
            ExperimentSpec::batchSize).form("Batch size", "Examples per minibatch");
    /**
     * An epoch budget is the default only when neither steps nor trainUntil is given; with one of those, epochs
     * defaults to 0 (none) and 0 is allowed, so that TrainingBudget can say which of the three to leave out.
     */
    public static final SpecField<Integer> EPOCHS = SpecField.whole("epochs", 20, 1, ExperimentSpec::epochs)
            .readAs(r -> r.has(SpecFields.STEPS.key()) || r.hasValue(SpecFields.TRAIN_UNTIL.key())
                    ? r.integer(SpecFields.EPOCHS.key(), 0, 0) : SpecFields.EPOCHS.readInRange(r))
            .writtenWhen(s -> s.budget().isEpochs())
            .form("Epochs", "Passes over the training set");
    public static final SpecField<Long> STEPS = SpecField.<Long>custom("steps", 0L,
                    r -> r.has(SpecFields.STEPS.key()) ? (long) r.integer(SpecFields.STEPS.key(), 0, 1) : 0L,
                    s -> s.budget().steps(), s -> s.budget().steps() > 0 ? s.budget().steps() : OMIT)
            .form("Steps", "Optimisation steps, the same at every training-set size");
    /** The stopping rule; reading it last of the three budget keys gives the spec's whole budget. */
    public static final SpecField<TrainingBudget> TRAIN_UNTIL = SpecField.custom("trainUntil",
            TrainingBudget.ofEpochs(EPOCHS.defaultValue()), SpecChecks::budget, ExperimentSpec::budget,
            SpecFields::rule);
    // The stopping rule's own keys, inside trainUntil: read, checked and written with it.
    public static final SpecField<Double> TRAIN_ERROR = SpecField.inRule(TRAIN_UNTIL, "trainError", Double.NaN,
                    s -> s.budget().trainError())
            .form("Stop at train error", "Stop once the training error on the whole training set is at or below "
                    + "this (empty: not part of the rule)");
    public static final SpecField<Double> TRAIN_LOSS = SpecField.inRule(TRAIN_UNTIL, "trainLoss", Double.NaN,
                    s -> s.budget().trainLoss())
            .form("Stop at train loss", "Stop once the training loss is at or below this (empty: not part of the "
                    + "rule)");
    public static final SpecField<Long> MAX_STEPS = SpecField.inRule(TRAIN_UNTIL, "maxSteps", 0L,
                    s -> s.budget().maxSteps())
            .form("Step cap", "The most steps a network may take; networks that reach it without meeting the rule "
                    + "are flagged wherever α is shown");
    public static final SpecField<Double> WEIGHT_DECAY = SpecField.number("weightDecay", 0.0, 0, true,
            ExperimentSpec::weightDecay).form("Weight decay", "L2 weight decay");
    public static final SpecField<LossKind> LOSS = SpecField.choice("loss", LossKind.MSE, LossKind::fromId,
                    LossKind::id, ExperimentSpec::loss)
            .form("Loss", "mse on centred one-hot targets, or cross-entropy (xent)");
    public static final SpecField<LearningRateSchedule> SCHEDULE = SpecField.choice("schedule",
            LearningRateSchedule.CONSTANT, LearningRateSchedule::fromId, LearningRateSchedule::id,
            ExperimentSpec::schedule).form("LR schedule", "Learning-rate schedule over the training budget");
    public static final SpecField<List<Learner>> LEARNERS = SpecField.<List<Learner>>custom("learners",
                    List.of(Learner.NETWORK, Learner.ENTK_INIT), SpecChecks::learners, ExperimentSpec::learners,
                    s -> s.learners().stream().map(Learner::id).toList())
            .form("Learners", "What is compared: the network, and kernel regression with its eNTK at "
                    + "initialisation, a pre-trained network's eNTK, the infinite NTK or the NNGP").forSomeStudies();
    public static final SpecField<Integer> PROBE_SIZE = SpecField.whole("probeSize", 200, 2,
            ExperimentSpec::probeSize).form("Probe size", "Examples of the fixed probe set on which kernels are "
            + "measured");
    public static final SpecField<Double> RIDGE = SpecField.number("ridge", 1e-4, 0, true,
                    ExperimentSpec::ridge)
            .form("Kernel ridge", "Kernel-regression ridge, relative to the mean diagonal of K")
            .forSomeStudies();
    public static final SpecField<Precision> DTYPE = SpecField.choice("dtype", Precision.FLOAT32,
                    Precision::fromId, Precision::id, ExperimentSpec::dtype)
            .form("Precision", "Floating-point precision of networks and kernels");
    public static final SpecField<Integer> N0 = SpecField.whole("n0", 1000, 1, ExperimentSpec::n0)
            .form("Pre-train n0", "Training examples of the pre-trained network whose kernel is taken")
            .forSomeStudies();
    public static final SpecField<Integer> SNAPSHOT_EVERY = SpecField.whole("snapshotEvery", 1, 1,
                    s -> s.params() instanceof StudyParams.Dynamics d ? d.snapshotEvery() : 1)
            .form("Snapshot every (epochs)", "Epochs between kernel snapshots in a dynamics study")
            .forSomeStudies().studysOwn();
    public static final SpecField<Boolean> SNAPSHOT_REGRESSION = SpecField.flag("snapshotRegression", false,
                    ExperimentSpec::snapshotRegression)
            .form("Regress on snapshots", "Also regress with each probe-kernel snapshot (costs a test × probe "
                    + "kernel each)").forSomeStudies();
    public static final SpecField<Boolean> SAVE_KERNELS = SpecField.flag("saveKernels", true,
                    ExperimentSpec::saveKernels)
            .form("Save probe kernels", "Keep every probe-kernel snapshot as .npy under kernels/ in the run folder, "
                    + "so a reopened run shows its heatmap and the kernels can be checked in NumPy")
            .forSomeStudies();
    public static final SpecField<Double> RICHNESS = SpecField.<Double>custom("richness", Double.NaN,
                    r -> r.hasValue(SpecFields.RICHNESS.key())
                            ? r.number(SpecFields.RICHNESS.key(), Double.NaN, 0, false) : Double.NaN,
                    ExperimentSpec::richness, s -> Double.isNaN(s.richness()) ? null : s.richness())
            .form("Richness α", "Output scale α: trains α·(f − f₀) on L/α² (empty: off). Large α keeps the network "
                    + "near its kernel (lazy), small α lets features move (rich). With SGD and momentum the loss is "
                    + "divided by α²; Adam is refused, being scale-invariant").forSomeStudies();
    public static final SpecField<double[]> RICHNESS_GRID = SpecField.positives("richnessGrid",
                    s -> s.params() instanceof StudyParams.Richness r ? r.grid() : new double[0])
            .form("Richness grid α", "The values of α the richness study trains α·(f − f₀) at, e.g. 0.1, 1, 10, 100")
            .forSomeStudies().studysOwn();
    /** Richness is defined on the centred network, so asking for it turns centring on unless said otherwise. */
    public static final SpecField<Boolean> CENTERED = SpecField.flag("centered", false,
                    ExperimentSpec::centered).readAs(SpecChecks::centered)
            .form("Centred (train f − f₀)", "Train and evaluate f − f₀, the network's change since initialisation");

    /** Every key of spec.json, in its order. */
    public static final List<SpecField<?>> ALL = List.of(STUDY, DATASET, CLASSES, N_GRID, N_TEST, SEEDS,
            PREPROCESSING, ARCHITECTURE, DEPTH, WIDTH, WIDTHS, ACTIVATION, PARAMETERIZATION, INIT, SIGMA_W, SIGMA_B,
            OPTIMIZER, LEARNING_RATE, MOMENTUM, BATCH_SIZE, EPOCHS, STEPS, TRAIN_UNTIL, WEIGHT_DECAY, LOSS, SCHEDULE,
            LEARNERS, PROBE_SIZE, RIDGE, DTYPE, N0, SNAPSHOT_EVERY, SNAPSHOT_REGRESSION, SAVE_KERNELS, CENTERED,
            RICHNESS, RICHNESS_GRID);

    /** The keys that belong to one study alone ({@link StudyParams}): spec.json holds those of its own study. */
    public static final List<SpecField<?>> STUDYS_OWN = List.of(WIDTHS, SNAPSHOT_EVERY, RICHNESS_GRID);

    /** The keys of the stopping rule, inside trainUntil. */
    public static final List<SpecField<?>> RULE = List.of(TRAIN_ERROR, TRAIN_LOSS, MAX_STEPS);

    /** The keys of some fields (what a study reads of the keys only some studies read). */
    public static java.util.Set<String> keys(SpecField<?>... fields) {
        return java.util.Arrays.stream(fields).map(SpecField::key)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Whether a spec drawn from an init law holds the key: lecun and pytorch fix σ_w, and pytorch draws its biases
     * without σ_b, so those keys are left out of its spec.json (and out of what the form sends); every other key is.
     */
    public static boolean heldUnder(SpecField<?> field, Init law) {
        return field == SIGMA_W ? law.freeSigmaW() : field != SIGMA_B || law.usesSigmaB();
    }

    /** The spec as spec.json holds it: every key of {@link #ALL} in order, less those a field leaves out. */
    static Map<String, Object> write(ExperimentSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (SpecField<?> f : ALL) {
            Object v = f.write(spec);
            if (v != OMIT) {
                m.put(f.key(), v);
            }
        }
        return m;
    }

    /** The stopping rule as an object of its keys that are set, or left out when the budget has none. */
    private static Object rule(ExperimentSpec s) {
        TrainingBudget b = s.budget();
        return b.hasRule() ? rule(b.trainError(), b.trainLoss(), b.maxSteps() > 0 ? b.maxSteps() : null) : OMIT;
    }

    /** The stopping rule as trainUntil holds it: a target that is NaN, and a cap that is null, are left out. */
    public static Map<String, Object> rule(double trainError, double trainLoss, Long maxSteps) {
        Map<String, Object> rule = new LinkedHashMap<>();
        if (!Double.isNaN(trainError)) {
            rule.put(TRAIN_ERROR.name(), trainError);
        }
        if (!Double.isNaN(trainLoss)) {
            rule.put(TRAIN_LOSS.name(), trainLoss);
        }
        if (maxSteps != null) {
            rule.put(MAX_STEPS.name(), maxSteps);
        }
        return rule;
    }
}
