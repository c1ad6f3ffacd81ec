package org.ntkexplorer.ui.form;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ntkexplorer.core.experiment.spec.SpecField;
import org.ntkexplorer.core.experiment.spec.SpecFields;
import org.ntkexplorer.core.experiment.spec.Studies;
import org.ntkexplorer.core.experiment.spec.Study;


/**
 * Every field of the form, in the form's order, and the section it is in. Each but {@link #BUDGET} is a key of the
 * spec, and takes its key, label, help and whether only some studies read it from the key's entry in
 * {@link SpecFields} (each study's definition names the keys it reads of those); the section is the form's own
 * layout, so it is set here. A study ignores the fields it does not use: they are hidden, left out of the spec, and
 * never block a run.
 */
public enum FormField {
    STUDY(SpecFields.STUDY),
    DATASET(SpecFields.DATASET),
    CLASSES(SpecFields.CLASSES),
    N_GRID(SpecFields.N_GRID),
    N_TEST(SpecFields.N_TEST),
    SEEDS(SpecFields.SEEDS),
    ARCHITECTURE(SpecFields.ARCHITECTURE),
    DEPTH(SpecFields.DEPTH),
    WIDTH(SpecFields.WIDTH),
    WIDTHS(SpecFields.WIDTHS),
    ACTIVATION(SpecFields.ACTIVATION),
    PARAMETERIZATION(SpecFields.PARAMETERIZATION),
    INIT(SpecFields.INIT),
    OPTIMIZER(SpecFields.OPTIMIZER),
    LEARNING_RATE(SpecFields.LEARNING_RATE),
    BATCH_SIZE(SpecFields.BATCH_SIZE),
    /** The form's own choice of which of epochs, steps and trainUntil it writes; not a spec key. */
    BUDGET(null),
    EPOCHS(SpecFields.EPOCHS),
    STEPS(SpecFields.STEPS),
    TRAIN_ERROR(SpecFields.TRAIN_ERROR),
    TRAIN_LOSS(SpecFields.TRAIN_LOSS),
    MAX_STEPS(SpecFields.MAX_STEPS),
    LEARNERS(SpecFields.LEARNERS),
    N0(SpecFields.N0),
    RICHNESS_GRID(SpecFields.RICHNESS_GRID),
    PROBE_SIZE(SpecFields.PROBE_SIZE),
    PREPROCESSING(SpecFields.PREPROCESSING, Section.ADVANCED),
    SIGMA_W(SpecFields.SIGMA_W, Section.ADVANCED),
    SIGMA_B(SpecFields.SIGMA_B, Section.ADVANCED),
    MOMENTUM(SpecFields.MOMENTUM, Section.ADVANCED),
    WEIGHT_DECAY(SpecFields.WEIGHT_DECAY, Section.ADVANCED),
    LOSS(SpecFields.LOSS, Section.ADVANCED),
    SCHEDULE(SpecFields.SCHEDULE, Section.ADVANCED),
    RIDGE(SpecFields.RIDGE, Section.ADVANCED),
    DTYPE(SpecFields.DTYPE, Section.ADVANCED),
    SNAPSHOT_EVERY(SpecFields.SNAPSHOT_EVERY, Section.ADVANCED),
    SNAPSHOT_REGRESSION(SpecFields.SNAPSHOT_REGRESSION, Section.ADVANCED),
    SAVE_KERNELS(SpecFields.SAVE_KERNELS, Section.ADVANCED),
    CENTERED(SpecFields.CENTERED, Section.ADVANCED),
    RICHNESS(SpecFields.RICHNESS, Section.ADVANCED);

    /** Where the form puts a field: the settings most runs change, or the Advanced section below them. */
    private enum Section {
        BASIC, ADVANCED
    }

    private final SpecField<?> field;
    private final Section section;

    FormField(SpecField<?> field) {
        this(field, Section.BASIC);
    }

    FormField(SpecField<?> field, Section section) {
        this.field = field;
        this.section = section;
    }

    /** The spec key's field; null for {@link #BUDGET}. */
    public SpecField<?> field() {
        return field;
    }

    /** The spec key; problems from the spec reader name it. Rule fields are "trainUntil.X". */
    public String key() {
        return field == null ? "budget" : field.key();
    }

    public String label() {
        return field == null ? "Train for" : field.label();
    }

    /** Whether the form puts the field in its Advanced section. */
    public boolean advanced() {
        return section == Section.ADVANCED;
    }

    /** Whether study {@code s} reads the field's key: every study reads the common ones, each names the rest. */
    public boolean usedBy(Study s) {
        return field == null || !field.perStudy() || Studies.of(s).keys().contains(field.key());
    }

    public static Optional<FormField> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }

    /** Fields by key length, longest first, so "trainUntil.maxSteps" is replaced before "steps". */
    static List<FormField> byKeyLength() {
        return Arrays.stream(values()).sorted(Comparator.comparingInt((FormField f) -> -f.key().length())).toList();
    }
}
