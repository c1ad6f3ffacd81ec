package org.ntkexplorer.ui.form;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ntkexplorer.core.experiment.Studies;
import org.ntkexplorer.core.experiment.Study;

/**
 * Every field of the form: the spec key it writes (see {@code ExperimentSpec.toMap}), the form's own label, what
 * its text must parse as, whether it sits in the Advanced section, and whether only some studies read it (each
 * study's definition names those it reads). A study ignores the
 * fields it does not use: they are hidden, left out of the spec, and never block a run.
 */
public enum FormField {
    STUDY("study", "Study", Kind.CHOICE, false, false),
    DATASET("dataset", "Dataset", Kind.TEXT, false, false),
    CLASSES("classes", "Classes", Kind.WHOLE_LIST, false, false),
    N_GRID("nGrid", "Training-set sizes n", Kind.WHOLE_LIST, false, false),
    N_TEST("nTest", "Test examples", Kind.WHOLE, false, false),
    SEEDS("seeds", "Seeds", Kind.WHOLE, false, false),
    ARCHITECTURE("architecture", "Architecture", Kind.CHOICE, false, false),
    DEPTH("depth", "Depth", Kind.WHOLE, false, false),
    WIDTH("width", "Width", Kind.WHOLE, false, true),
    WIDTHS("widths", "Sweep widths", Kind.WHOLE_LIST, false, true),
    ACTIVATION("activation", "Activation", Kind.CHOICE, false, false),
    PARAMETERIZATION("parameterization", "Parameterisation", Kind.CHOICE, false, false),
    INIT("init", "Initialisation", Kind.CHOICE, false, false),
    OPTIMIZER("optimizer", "Optimiser", Kind.CHOICE, false, false),
    LEARNING_RATE("learningRate", "Learning rate", Kind.NUMBER, false, false),
    BATCH_SIZE("batchSize", "Batch size", Kind.WHOLE, false, false),
    BUDGET("budget", "Train for", Kind.CHOICE, false, false),
    EPOCHS("epochs", "Epochs", Kind.WHOLE, false, false),
    STEPS("steps", "Steps", Kind.WHOLE, false, false),
    TRAIN_ERROR("trainUntil.trainError", "Stop at train error", Kind.NUMBER, false, false),
    TRAIN_LOSS("trainUntil.trainLoss", "Stop at train loss", Kind.NUMBER, false, false),
    MAX_STEPS("trainUntil.maxSteps", "Step cap", Kind.WHOLE, false, false),
    LEARNERS("learners", "Learners", Kind.CHOICE, false, true),
    N0("n0", "Pre-train n0", Kind.WHOLE, false, true),
    RICHNESS_GRID("richnessGrid", "Richness grid α", Kind.NUMBER_LIST, false, true),
    PROBE_SIZE("probeSize", "Probe size", Kind.WHOLE, false, false),
    PREPROCESSING("preprocessing", "Preprocessing", Kind.CHOICE, true, false),
    SIGMA_W("sigmaW", "σ_w (weights)", Kind.NUMBER, true, false),
    SIGMA_B("sigmaB", "σ_b (biases)", Kind.NUMBER, true, false),
    MOMENTUM("momentum", "Momentum", Kind.NUMBER, true, false),
    WEIGHT_DECAY("weightDecay", "Weight decay", Kind.NUMBER, true, false),
    LOSS("loss", "Loss", Kind.CHOICE, true, false),
    SCHEDULE("schedule", "LR schedule", Kind.CHOICE, true, false),
    RIDGE("ridge", "Kernel ridge", Kind.NUMBER, true, true),
    DTYPE("dtype", "Precision", Kind.CHOICE, true, false),
    SNAPSHOT_EVERY("snapshotEvery", "Snapshot every (epochs)", Kind.WHOLE, true, true),
    SNAPSHOT_REGRESSION("snapshotRegression", "Regress on snapshots", Kind.FLAG, true, true),
    SAVE_KERNELS("saveKernels", "Save probe kernels", Kind.FLAG, true, true),
    CENTERED("centered", "Centred (train f − f₀)", Kind.FLAG, true, false),
    RICHNESS("richness", "Richness α", Kind.NUMBER, true, true);

    /** What a field's text must be. */
    public enum Kind { TEXT, CHOICE, FLAG, WHOLE, NUMBER, WHOLE_LIST, NUMBER_LIST }

    private final String key;
    private final String label;
    private final Kind kind;
    private final boolean advanced;
    private final boolean perStudy;

    FormField(String key, String label, Kind kind, boolean advanced, boolean perStudy) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.advanced = advanced;
        this.perStudy = perStudy;
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

    /** Whether study {@code s} reads the field's key: every study reads the common ones, each names the rest. */
    public boolean usedBy(Study s) {
        return !perStudy || Studies.of(s).keys().contains(key);
    }

    public static Optional<FormField> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /** Fields by key length, longest first, so "trainUntil.maxSteps" is replaced before "steps". */
    static List<FormField> byKeyLength() {
        return Arrays.stream(values()).sorted(Comparator.comparingInt((FormField f) -> -f.key.length())).toList();
    }
}
