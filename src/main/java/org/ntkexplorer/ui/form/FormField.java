package org.ntkexplorer.ui.form;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ntkexplorer.core.experiment.Study;

/**
 * Every field of the form: the spec key it writes (see {@code ExperimentSpec.toMap}), the form's own label, what
 * its text must parse as, whether it sits in the Advanced section, and which studies use it. A study ignores the
 * fields it does not use: they are hidden, left out of the spec, and never block a run.
 */
public enum FormField {
    STUDY("study", "Study", Kind.CHOICE, false, null),
    DATASET("dataset", "Dataset", Kind.TEXT, false, null),
    CLASSES("classes", "Classes", Kind.WHOLE_LIST, false, null),
    N_GRID("nGrid", "Training-set sizes n", Kind.WHOLE_LIST, false, null),
    N_TEST("nTest", "Test examples", Kind.WHOLE, false, null),
    SEEDS("seeds", "Seeds", Kind.WHOLE, false, null),
    ARCHITECTURE("architecture", "Architecture", Kind.CHOICE, false, null),
    DEPTH("depth", "Depth", Kind.WHOLE, false, null),
    WIDTH("width", "Width", Kind.WHOLE, false, all().without(Study.WIDTH_SWEEP)),
    WIDTHS("widths", "Sweep widths", Kind.WHOLE_LIST, false, Set.of(Study.WIDTH_SWEEP)),
    ACTIVATION("activation", "Activation", Kind.CHOICE, false, null),
    PARAMETERIZATION("parameterization", "Parameterisation", Kind.CHOICE, false, null),
    INIT("init", "Initialisation", Kind.CHOICE, false, null),
    OPTIMIZER("optimizer", "Optimiser", Kind.CHOICE, false, null),
    LEARNING_RATE("learningRate", "Learning rate", Kind.NUMBER, false, null),
    BATCH_SIZE("batchSize", "Batch size", Kind.WHOLE, false, null),
    BUDGET("budget", "Train for", Kind.CHOICE, false, null),
    EPOCHS("epochs", "Epochs", Kind.WHOLE, false, null),
    STEPS("steps", "Steps", Kind.WHOLE, false, null),
    TRAIN_ERROR("trainUntil.trainError", "Stop at train error", Kind.NUMBER, false, null),
    TRAIN_LOSS("trainUntil.trainLoss", "Stop at train loss", Kind.NUMBER, false, null),
    MAX_STEPS("trainUntil.maxSteps", "Step cap", Kind.WHOLE, false, null),
    LEARNERS("learners", "Learners", Kind.CHOICE, false, Set.of(Study.SCALING, Study.PRETRAINED, Study.RICHNESS)),
    N0("n0", "Pre-train n0", Kind.WHOLE, false, Set.of(Study.PRETRAINED)),
    RICHNESS_GRID("richnessGrid", "Richness grid α", Kind.NUMBER_LIST, false, Set.of(Study.RICHNESS)),
    PROBE_SIZE("probeSize", "Probe size", Kind.WHOLE, false, null),
    PREPROCESSING("preprocessing", "Preprocessing", Kind.CHOICE, true, null),
    SIGMA_W("sigmaW", "σ_w (weights)", Kind.NUMBER, true, null),
    SIGMA_B("sigmaB", "σ_b (biases)", Kind.NUMBER, true, null),
    MOMENTUM("momentum", "Momentum", Kind.NUMBER, true, null),
    WEIGHT_DECAY("weightDecay", "Weight decay", Kind.NUMBER, true, null),
    LOSS("loss", "Loss", Kind.CHOICE, true, null),
    SCHEDULE("schedule", "LR schedule", Kind.CHOICE, true, null),
    RIDGE("ridge", "Kernel ridge", Kind.NUMBER, true, Set.of(Study.SCALING, Study.PRETRAINED, Study.RICHNESS,
            Study.DYNAMICS)),
    DTYPE("dtype", "Precision", Kind.CHOICE, true, null),
    SNAPSHOT_EVERY("snapshotEvery", "Snapshot every (epochs)", Kind.WHOLE, true, Set.of(Study.DYNAMICS)),
    SNAPSHOT_REGRESSION("snapshotRegression", "Regress on snapshots", Kind.FLAG, true, Set.of(Study.DYNAMICS,
            Study.SCALING, Study.PRETRAINED)),
    SAVE_KERNELS("saveKernels", "Save probe kernels", Kind.FLAG, true, Set.of(Study.DYNAMICS, Study.SCALING,
            Study.PRETRAINED)),
    CENTERED("centered", "Centred (train f − f₀)", Kind.FLAG, true, null),
    RICHNESS("richness", "Richness α", Kind.NUMBER, true, all().without(Study.RICHNESS));

    /** What a field's text must be. */
    public enum Kind { TEXT, CHOICE, FLAG, WHOLE, NUMBER, WHOLE_LIST, NUMBER_LIST }

    private final String key;
    private final String label;
    private final Kind kind;
    private final boolean advanced;
    private final Set<Study> studies;

    FormField(String key, String label, Kind kind, boolean advanced, Set<Study> studies) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.advanced = advanced;
        this.studies = studies;
    }

    /** The spec key; problems from the spec reader name it. Rule fields are "trainUntil.X". */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public boolean advanced() {
        return advanced;
    }

    public boolean usedBy(Study s) {
        return studies == null || studies.contains(s);
    }

    public static Optional<FormField> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /** Fields by key length, longest first, so "trainUntil.maxSteps" is replaced before "steps". */
    static List<FormField> byKeyLength() {
        return Arrays.stream(values()).sorted(Comparator.comparingInt((FormField f) -> -f.key.length())).toList();
    }

    private static StudySet all() {
        return new StudySet();
    }

    /** Builds the set of studies a field is used by. */
    private static final class StudySet {
        Set<Study> without(Study s) {
            return Arrays.stream(Study.values()).filter(x -> x != s).collect(java.util.stream.Collectors.toSet());
        }
    }
}
