package org.ntkexplorer.ui.form;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingBudget;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.SpecFields;
import org.ntkexplorer.core.experiment.spec.Study;

/**
 * The experiment form as a view-model: one property per spec field, text kept as typed for the fields a person
 * types, enum values for the choices. {@link #spec()} is the spec the form describes, or null while a field has a
 * problem; {@link #problems()} maps each problem's field to a message in the form's own words. Validation goes
 * through the same reader as the command line ({@link FormSpec}), and only over the fields the chosen study uses.
 */
public final class FormModel {
    /** How long each network trains: a number of epochs, a step budget, or until a stopping rule with a cap. */
    public enum Budget { EPOCHS, STEPS, UNTIL }

    public final ObjectProperty<Study> study = new SimpleObjectProperty<>(Study.SCALING);
    public final StringProperty dataset = new SimpleStringProperty("");
    public final StringProperty classes = new SimpleStringProperty("");
    public final StringProperty nGrid = new SimpleStringProperty("");
    public final StringProperty nTest = new SimpleStringProperty("");
    public final StringProperty seeds = new SimpleStringProperty("");
    public final ObjectProperty<Preprocessing> preprocessing = new SimpleObjectProperty<>();
    public final ObjectProperty<Architecture> architecture = new SimpleObjectProperty<>();
    public final StringProperty depth = new SimpleStringProperty("");
    public final StringProperty width = new SimpleStringProperty("");
    public final StringProperty widths = new SimpleStringProperty("");
    public final ObjectProperty<Activation> activation = new SimpleObjectProperty<>();
    public final ObjectProperty<Parameterization> parameterization = new SimpleObjectProperty<>();
    public final ObjectProperty<Init> init = new SimpleObjectProperty<>(Init.HE);
    public final StringProperty sigmaW = new SimpleStringProperty("");
    public final StringProperty sigmaB = new SimpleStringProperty("");
    public final ObjectProperty<Optimizer> optimizer = new SimpleObjectProperty<>();
    public final StringProperty learningRate = new SimpleStringProperty("");
    public final StringProperty momentum = new SimpleStringProperty("");
    public final StringProperty batchSize = new SimpleStringProperty("");
    public final ObjectProperty<Budget> budget = new SimpleObjectProperty<>(Budget.EPOCHS);
    public final StringProperty epochs = new SimpleStringProperty("");
    public final StringProperty steps = new SimpleStringProperty("");
    public final StringProperty trainError = new SimpleStringProperty("");
    public final StringProperty trainLoss = new SimpleStringProperty("");
    public final StringProperty maxSteps = new SimpleStringProperty("");
    public final StringProperty weightDecay = new SimpleStringProperty("");
    public final ObjectProperty<LossKind> loss = new SimpleObjectProperty<>();
    public final ObjectProperty<LearningRateSchedule> schedule = new SimpleObjectProperty<>();
    public final Map<Learner, BooleanProperty> learners = new EnumMap<>(Learner.class);
    public final StringProperty probeSize = new SimpleStringProperty("");
    public final StringProperty ridge = new SimpleStringProperty("");
    public final ObjectProperty<Precision> dtype = new SimpleObjectProperty<>();
    public final StringProperty n0 = new SimpleStringProperty("");
    public final StringProperty snapshotEvery = new SimpleStringProperty("");
    public final BooleanProperty snapshotRegression = new SimpleBooleanProperty();
    public final BooleanProperty saveKernels = new SimpleBooleanProperty();
    public final BooleanProperty centered = new SimpleBooleanProperty();
    public final StringProperty richness = new SimpleStringProperty("");
    public final StringProperty richnessGrid = new SimpleStringProperty("");

    private final ObservableMap<FormField, String> problems = FXCollections.observableMap(new LinkedHashMap<>());
    private final ReadOnlyObjectWrapper<ExperimentSpec> spec = new ReadOnlyObjectWrapper<>();
    /** Exact values behind numbers shown rounded (σ_w = √2 shows as 1.41421): kept while the text is unchanged. */
    private final Map<FormField, Double> exact = new EnumMap<>(FormField.class);
    private boolean filling;

    public FormModel() {
        for (Learner l : Learner.values()) {
            learners.put(l, new SimpleBooleanProperty());
        }
        setSpec(ExperimentSpec.parse("{\"study\": \"scaling\"}"));
        for (javafx.beans.Observable o : observables()) {
            o.addListener(x -> {
                if (!filling) {
                    validate();
                }
            });
        }
    }

    private List<javafx.beans.Observable> observables() {
        List<javafx.beans.Observable> out = new java.util.ArrayList<>(List.of(study, dataset, classes, nGrid, nTest,
                seeds, preprocessing, architecture, depth, width, widths, activation, parameterization, init, sigmaW, sigmaB,
                optimizer, learningRate, momentum, batchSize, budget, epochs, steps, trainError, trainLoss, maxSteps,
                weightDecay, loss, schedule, probeSize, ridge, dtype, n0, snapshotEvery, snapshotRegression,
                saveKernels, centered, richness, richnessGrid));
        out.addAll(learners.values());
        return out;
    }

    /** Problems by field, in the form's words; empty when the form describes a spec that can run. */
    public ObservableMap<FormField, String> problems() {
        return problems;
    }

    /** The spec the form describes, null while it has problems. */
    public ReadOnlyObjectProperty<ExperimentSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    public ExperimentSpec spec() {
        return spec.get();
    }

    /** Fills every field from a spec (a preset, a loaded file, a reopened run). */
    public void setSpec(ExperimentSpec s) {
        filling = true;
        try {
            exact.clear();
            study.set(s.study());
            dataset.set(s.dataset());
            classes.set(s.classes() == null ? "" : FormText.join(s.classes()));
            nGrid.set(FormText.join(s.nGrid()));
            nTest.set(Integer.toString(s.nTest()));
            seeds.set(Integer.toString(s.seeds()));
            preprocessing.set(s.preprocessing());
            architecture.set(s.architecture());
            depth.set(Integer.toString(s.depth()));
            width.set(Integer.toString(s.width()));
            widths.set(FormText.join(SpecFields.WIDTHS.get(s)));
            activation.set(s.activation());
            parameterization.set(s.parameterization());
            init.set(s.init());
            number(sigmaW, FormField.SIGMA_W, s.sigmaW());
            number(sigmaB, FormField.SIGMA_B, s.sigmaB());
            optimizer.set(s.optimizer());
            number(learningRate, FormField.LEARNING_RATE, s.learningRate());
            number(momentum, FormField.MOMENTUM, s.momentum());
            batchSize.set(Integer.toString(s.batchSize()));
            setBudget(s.budget());
            number(weightDecay, FormField.WEIGHT_DECAY, s.weightDecay());
            loss.set(s.loss());
            schedule.set(s.schedule());
            learners.forEach((l, p) -> p.set(s.learners().contains(l)));
            probeSize.set(Integer.toString(s.probeSize()));
            number(ridge, FormField.RIDGE, s.ridge());
            dtype.set(s.dtype());
            n0.set(Integer.toString(s.n0()));
            snapshotEvery.set(Integer.toString(SpecFields.SNAPSHOT_EVERY.get(s)));
            snapshotRegression.set(s.snapshotRegression());
            saveKernels.set(s.saveKernels());
            centered.set(s.centered());
            richness.set(Double.isNaN(s.richness()) ? "" : FormText.number(s.richness()));
            richnessGrid.set(FormText.join(SpecFields.RICHNESS_GRID.get(s)));
        } finally {
            filling = false;
        }
        validate();
    }

    private void setBudget(TrainingBudget b) {
        epochs.set(b.isEpochs() ? Integer.toString(b.epochs()) : SpecFields.EPOCHS.defaultText());
        steps.set(b.steps() > 0 && !b.hasRule() ? Long.toString(b.steps()) : "");
        trainError.set(Double.isNaN(b.trainError()) ? "" : FormText.number(b.trainError()));
        trainLoss.set(Double.isNaN(b.trainLoss()) ? "" : FormText.number(b.trainLoss()));
        long cap = b.maxSteps() > 0 ? b.maxSteps() : b.steps();
        maxSteps.set(b.hasRule() && cap > 0 ? Long.toString(cap) : "");
        budget.set(b.isEpochs() ? Budget.EPOCHS : b.hasRule() ? Budget.UNTIL : Budget.STEPS);
    }

    private void number(StringProperty p, FormField f, double v) {
        String shown = FormText.number(v);
        p.set(shown);
        if (Double.parseDouble(shown) != v) {
            exact.put(f, v);
        }
    }

    /** The exact value behind a field whose shown text was rounded and not edited since; else null. */
    Double exactValue(FormField f, String text) {
        Double v = exact.get(f);
        return v != null && FormText.number(v).equals(text.trim()) ? v : null;
    }

    /** Checks the form and updates {@link #problems()} and {@link #spec()}; returns the spec or null. */
    public ExperimentSpec validate() {
        FormSpec.Result r = FormSpec.build(this);
        problems.clear();
        problems.putAll(r.problems());
        spec.set(r.spec());
        return r.spec();
    }

    /** Every problem as "label: message" lines, for a dialog or the log. */
    public String problemText() {
        StringBuilder sb = new StringBuilder();
        problems.forEach((f, m) -> sb.append(sb.length() == 0 ? "" : "\n").append(m));
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FormModel[%s, %d problems]", study.get(), problems.size());
    }
}
