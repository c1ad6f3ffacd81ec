package org.ntkexplorer.ui.form;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.SpecFields;
import org.ntkexplorer.core.experiment.spec.Study;

/**
 * Turns a {@link FormModel} into spec JSON and checks it. Text the form can read is checked first, in the form's
 * words ("Test examples: 'abc' is not a whole number"); the rest goes to the spec reader, whose problems name
 * spec keys and are put in the form's words too. Fields the chosen study does not use are left out of the JSON,
 * so what is typed there never blocks a run.
 */
final class FormSpec {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(ExperimentSpec spec, Map<FormField, String> problems) {
    }

    private final FormModel m;
    private final Study study;
    private final ObjectNode o = JSON.createObjectNode();
    private final Map<FormField, String> problems = new LinkedHashMap<>();

    private FormSpec(FormModel m) {
        this.m = m;
        this.study = m.study.get();
    }

    static Result build(FormModel m) {
        return new FormSpec(m).check();
    }

    /** The JSON a valid form saves as its spec, fields the study does not use left out. */
    static String json(FormModel m) {
        FormSpec s = new FormSpec(m);
        s.fill();
        return s.o.toPrettyString();
    }

    private Result check() {
        fill();
        try {
            ExperimentSpec spec = ExperimentSpec.parse(o.toString());
            return problems.isEmpty() ? new Result(spec, problems) : new Result(null, problems);
        } catch (InvalidSpecException e) {
            for (InvalidSpecException.Problem p : e.keyedProblems()) {
                FormField f = fieldOf(p.key(), p.message());
                if (f != null && !f.usedBy(study)) {
                    continue;
                }
                problems.putIfAbsent(f == null ? FormField.STUDY : f, inFormWords(p.message()));
            }
            return new Result(null, problems);
        }
    }

    private void fill() {
        o.put(FormField.STUDY.key(), study.id());
        text(FormField.DATASET, m.dataset);
        if (!m.classes.get().isBlank()) {
            wholeList(FormField.CLASSES, m.classes);
        }
        wholeList(FormField.N_GRID, m.nGrid);
        whole(FormField.N_TEST, m.nTest);
        whole(FormField.SEEDS, m.seeds);
        choice(FormField.PREPROCESSING, m.preprocessing, p -> p.id());
        choice(FormField.ARCHITECTURE, m.architecture, a -> a.id());
        whole(FormField.DEPTH, m.depth);
        whole(FormField.WIDTH, m.width);
        wholeList(FormField.WIDTHS, m.widths);
        choice(FormField.ACTIVATION, m.activation, a -> a.id());
        choice(FormField.PARAMETERIZATION, m.parameterization, p -> p.id());
        choice(FormField.INIT, m.init, x -> x.id());
        // lecun and pytorch fix σ_w (pytorch σ_b too): the field keeps its text but the spec leaves it out.
        Init law = m.init.get() == null ? Init.HE : m.init.get();
        if (SpecFields.heldUnder(FormField.SIGMA_W.field(), law)) {
            decimal(FormField.SIGMA_W, m.sigmaW);
        }
        if (SpecFields.heldUnder(FormField.SIGMA_B.field(), law)) {
            decimal(FormField.SIGMA_B, m.sigmaB);
        }
        choice(FormField.OPTIMIZER, m.optimizer, x -> x.id());
        decimal(FormField.LEARNING_RATE, m.learningRate);
        decimal(FormField.MOMENTUM, m.momentum);
        whole(FormField.BATCH_SIZE, m.batchSize);
        budget();
        decimal(FormField.WEIGHT_DECAY, m.weightDecay);
        choice(FormField.LOSS, m.loss, x -> x.id());
        choice(FormField.SCHEDULE, m.schedule, x -> x.id());
        if (FormField.LEARNERS.usedBy(study)) {
            ArrayNode ls = o.putArray(FormField.LEARNERS.key());
            m.learners.forEach((l, on) -> {
                if (on.get()) {
                    ls.add(l.id());
                }
            });
        }
        whole(FormField.PROBE_SIZE, m.probeSize);
        decimal(FormField.RIDGE, m.ridge);
        choice(FormField.DTYPE, m.dtype, x -> x.id());
        whole(FormField.N0, m.n0);
        whole(FormField.SNAPSHOT_EVERY, m.snapshotEvery);
        flag(FormField.SNAPSHOT_REGRESSION, m.snapshotRegression.get());
        flag(FormField.SAVE_KERNELS, m.saveKernels.get());
        flag(FormField.CENTERED, m.centered.get());
        if (FormField.RICHNESS.usedBy(study) && !m.richness.get().isBlank()) {
            decimal(FormField.RICHNESS, m.richness);
        }
        numberList(FormField.RICHNESS_GRID, m.richnessGrid);
    }

    private void budget() {
        switch (m.budget.get()) {
            case EPOCHS -> whole(FormField.EPOCHS, m.epochs);
            case STEPS -> whole(FormField.STEPS, m.steps);
            case UNTIL -> {
                // Written as the spec writes its rule; a target left empty or unreadable is left out of it.
                double error = target(FormField.TRAIN_ERROR, m.trainError);
                double loss = target(FormField.TRAIN_LOSS, m.trainLoss);
                Double cap = read(FormField.MAX_STEPS, m.maxSteps.get(), true);
                o.set(SpecFields.TRAIN_UNTIL.key(), JSON.valueToTree(SpecFields.rule(error, loss,
                        cap == null ? null : cap.longValue())));
            }
        }
    }

    /** A target of the stopping rule, NaN when left empty (or unreadable, with a problem at its field). */
    private double target(FormField f, StringProperty p) {
        Double v = p.get().isBlank() ? null : read(f, p.get(), false);
        return v == null ? Double.NaN : v;
    }

    private void text(FormField f, StringProperty p) {
        if (p.get().isBlank()) {
            problems.put(f, f.label() + " is empty");
        }
        o.put(f.key(), p.get().trim());
    }

    private <T> void choice(FormField f, ObjectProperty<T> p, java.util.function.Function<T, String> id) {
        if (f.usedBy(study) && p.get() != null) {
            o.put(f.key(), id.apply(p.get()));
        }
    }

    private void flag(FormField f, boolean v) {
        if (f.usedBy(study)) {
            o.put(f.key(), v);
        }
    }

    private void whole(FormField f, StringProperty p) {
        if (f.usedBy(study)) {
            Double v = read(f, p.get(), true);
            if (v != null) {
                o.put(f.key(), v.longValue());
            }
        }
    }

    private void decimal(FormField f, StringProperty p) {
        if (f.usedBy(study)) {
            Double exact = m.exactValue(f, p.get());
            Double v = exact != null ? exact : read(f, p.get(), false);
            if (v != null) {
                o.put(f.key(), v);
            }
        }
    }

    /** A number as typed, or null with a problem at its field. */
    private Double read(FormField f, String text, boolean wholeNumber) {
        if (text.isBlank()) {
            problems.put(f, f.label() + " is empty");
            return null;
        }
        Long w = FormText.whole(text);
        Double d = wholeNumber ? (w == null ? null : w.doubleValue()) : FormText.decimal(text);
        if (d == null) {
            problems.put(f, f.label() + ": '" + text.trim() + "' is not " + (wholeNumber ? "a whole number" : "a number"));
        }
        return d;
    }

    private void wholeList(FormField f, StringProperty p) {
        if (!f.usedBy(study)) {
            return;
        }
        ArrayNode a = o.putArray(f.key());
        for (String part : FormText.parts(p.get())) {
            Long v = FormText.whole(part);
            if (v == null) {
                problems.put(f, f.label() + ": '" + part + "' is not a whole number");
            } else {
                a.add(v);
            }
        }
    }

    private void numberList(FormField f, StringProperty p) {
        if (!f.usedBy(study)) {
            return;
        }
        ArrayNode a = o.putArray(f.key());
        for (String part : FormText.parts(p.get())) {
            Double v = FormText.decimal(part);
            if (v == null) {
                problems.put(f, f.label() + ": '" + part + "' is not a number");
            } else {
                a.add(v);
            }
        }
    }

    /** The field a reader problem is about; a rule problem goes to the rule field it names. */
    private FormField fieldOf(String key, String message) {
        if (SpecFields.TRAIN_UNTIL.key().equals(key)) {
            for (FormField f : new FormField[] {FormField.TRAIN_ERROR, FormField.TRAIN_LOSS, FormField.MAX_STEPS}) {
                if (message.contains(f.key())) {
                    return f;
                }
            }
            return FormField.MAX_STEPS;
        }
        if (FormField.EPOCHS.key().equals(key) && m.budget.get() != FormModel.Budget.EPOCHS) {
            return FormField.BUDGET;
        }
        return FormField.ofKey(key).orElse(null);
    }

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9.]*(\\[\\d+])?");

    /** A reader message with every spec key replaced by its field's label ("nTest must be…" → "Test examples must be…"). */
    static String inFormWords(String message) {
        Matcher mt = KEY.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (mt.find()) {
            String word = mt.group();
            String bare = word.replaceAll("\\[\\d+]$", "");
            String label = FormField.ofKey(bare).map(FormField::label).orElse(null);
            // Lower-case keys ("seeds", "loss") read as plain words already; camel-case ones are JSON.
            boolean isKey = label != null && (!bare.equals(bare.toLowerCase()) || bare.equals(FormField.N0.key()));
            mt.appendReplacement(sb, Matcher.quoteReplacement(isKey ? label : word));
        }
        mt.appendTail(sb);
        String s = sb.toString();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
