package org.ntkexplorer.ui.form;

import java.io.File;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.data.SampleData;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.Study;

/**
 * The form's controls over a {@link FormModel}: every field with its label, its tooltip and, below it, its
 * problem; fields the chosen study does not use are hidden, rarely changed ones sit in "Advanced".
 */
public final class FormView extends VBox {
    private final FormModel model;
    private final Map<FormField, Row> rows = new EnumMap<>(FormField.class);
    private final GridPane basic = grid();
    private final GridPane advanced = grid();

    /** A field's label, control and problem line, shown or hidden together. */
    private record Row(Label label, Node control, Label problem) {
        void show(boolean on) {
            for (Node n : List.of(label, control, problem)) {
                n.setVisible(on);
                n.setManaged(on && (n != problem || !problem.getText().isEmpty()));
            }
        }
    }

    public FormView(FormModel model) {
        this.model = model;
        setSpacing(6);
        setPadding(new Insets(8));
        getStyleClass().add("experiment-form");
        add(FormField.STUDY, combo(model.study, Study.values(), Study::id));
        add(FormField.DATASET, datasetPicker());
        add(FormField.CLASSES, text(model.classes));
        add(FormField.N_GRID, text(model.nGrid));
        add(FormField.N_TEST, text(model.nTest));
        add(FormField.SEEDS, text(model.seeds));
        add(FormField.ARCHITECTURE, combo(model.architecture, Architecture.values(), Architecture::id));
        add(FormField.DEPTH, text(model.depth));
        add(FormField.WIDTH, text(model.width));
        add(FormField.WIDTHS, text(model.widths));
        add(FormField.ACTIVATION, combo(model.activation, Activation.values(), Activation::id));
        add(FormField.PARAMETERIZATION, combo(model.parameterization, Parameterization.values(), Parameterization::id));
        add(FormField.INIT, combo(model.init, Init.values(), Init::id));
        add(FormField.OPTIMIZER, combo(model.optimizer, Optimizer.values(), Optimizer::id));
        add(FormField.LEARNING_RATE, text(model.learningRate));
        add(FormField.BATCH_SIZE, text(model.batchSize));
        add(FormField.BUDGET, combo(model.budget, FormModel.Budget.values(), b -> switch (b) {
            case EPOCHS -> "epochs";
            case STEPS -> "steps";
            case UNTIL -> "until a training target";
        }));
        add(FormField.EPOCHS, text(model.epochs));
        add(FormField.STEPS, text(model.steps));
        add(FormField.TRAIN_ERROR, text(model.trainError));
        add(FormField.TRAIN_LOSS, text(model.trainLoss));
        add(FormField.MAX_STEPS, text(model.maxSteps));
        add(FormField.LEARNERS, learners());
        add(FormField.N0, text(model.n0));
        add(FormField.RICHNESS_GRID, text(model.richnessGrid));
        add(FormField.PROBE_SIZE, text(model.probeSize));
        add(FormField.PREPROCESSING, combo(model.preprocessing, Preprocessing.values(), Preprocessing::id));
        // σ_w is the law's own under lecun and pytorch, σ_b too under pytorch: greyed out, not read.
        Node sw = text(model.sigmaW);
        sw.disableProperty().bind(model.init.isNotEqualTo(Init.HE));
        add(FormField.SIGMA_W, sw);
        Node sb = text(model.sigmaB);
        sb.disableProperty().bind(model.init.isEqualTo(Init.PYTORCH));
        add(FormField.SIGMA_B, sb);
        add(FormField.MOMENTUM, text(model.momentum));
        add(FormField.WEIGHT_DECAY, text(model.weightDecay));
        add(FormField.LOSS, combo(model.loss, LossKind.values(), LossKind::id));
        add(FormField.SCHEDULE, combo(model.schedule, LearningRateSchedule.values(), LearningRateSchedule::id));
        add(FormField.RIDGE, text(model.ridge));
        add(FormField.DTYPE, combo(model.dtype, Precision.values(), Precision::id));
        add(FormField.SNAPSHOT_EVERY, text(model.snapshotEvery));
        add(FormField.SNAPSHOT_REGRESSION, flag(model.snapshotRegression));
        add(FormField.SAVE_KERNELS, flag(model.saveKernels));
        add(FormField.CENTERED, flag(model.centered));
        add(FormField.RICHNESS, text(model.richness));
        more = new TitledPane("Advanced", advanced);
        more.setExpanded(false);
        more.setId("form-advanced");
        getChildren().addAll(basic, more);
        model.study.addListener(o -> refresh());
        model.budget.addListener(o -> refresh());
        model.problems().addListener((javafx.collections.MapChangeListener<FormField, String>) c -> refresh());
        refresh();
    }

    public FormModel model() {
        return model;
    }

    private TitledPane more;

    /**
     * Expands every section that holds a marked field (a study's defaults can be invalid in Advanced) and returns the
     * first marked field, to scroll to; null when none.
     */
    public Node revealProblems() {
        for (FormField f : model.problems().keySet()) {
            Row row = rows.get(f);
            if (row != null && isInside(row.control(), more.getContent())) {
                more.setExpanded(true);
            }
        }
        return firstProblem();
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Advanced section is open (tests). */
    public boolean advancedExpanded() {
        return more.isExpanded();
    }

    /** The first field with a problem, to scroll to; null when none. */
    public Node firstProblem() {
        return model.problems().keySet().stream().findFirst().map(f -> rows.get(f).control()).orElse(null);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(3);
        ColumnConstraints labels = new ColumnConstraints();
        // Labels keep their whole text ("Parameterisation", "Learning rate") however narrow the form gets.
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setMinWidth(90);
        g.getColumnConstraints().addAll(labels, controls);
        return g;
    }

    private void add(FormField f, Node control) {
        GridPane g = f.advanced() ? advanced : basic;
        int r = g.getRowCount();
        Label label = new Label(f.label());
        label.setMinWidth(Region.USE_PREF_SIZE);
        Label problem = new Label();
        problem.setWrapText(true);
        problem.getStyleClass().add("field-problem");
        problem.setId("problem-" + f.key());
        control.setId("field-" + f.key());
        Tooltip tip = new Tooltip(FieldHelp.of(f));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        label.setTooltip(tip);
        if (control instanceof javafx.scene.control.Control c) {
            c.setTooltip(tip);
            c.setMaxWidth(Double.MAX_VALUE);
        }
        g.add(label, 0, r);
        g.add(control, 1, r);
        g.add(problem, 1, r + 1);
        GridPane.setHgrow(control, Priority.ALWAYS);
        rows.put(f, new Row(label, control, problem));
    }

    private void refresh() {
        Study s = model.study.get();
        FormModel.Budget b = model.budget.get();
        for (Map.Entry<FormField, Row> e : rows.entrySet()) {
            FormField f = e.getKey();
            Row row = e.getValue();
            String p = model.problems().get(f);
            row.problem().setText(p == null ? "" : p);
            row.control().getStyleClass().remove("invalid");
            if (p != null) {
                row.control().getStyleClass().add("invalid");
            }
            boolean budgetShown = switch (f) {
                case EPOCHS -> b == FormModel.Budget.EPOCHS;
                case STEPS -> b == FormModel.Budget.STEPS;
                case TRAIN_ERROR, TRAIN_LOSS, MAX_STEPS -> b == FormModel.Budget.UNTIL;
                default -> true;
            };
            row.show(f.usedBy(s) && budgetShown);
        }
    }

    private static TextField text(StringProperty p) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPrefColumnCount(8);
        return t;
    }

    private static CheckBox flag(BooleanProperty p) {
        CheckBox c = new CheckBox();
        c.selectedProperty().bindBidirectional(p);
        return c;
    }

    private static <T> ComboBox<T> combo(ObjectProperty<T> p, T[] values, Function<T, String> id) {
        ComboBox<T> c = new ComboBox<>(FXCollections.observableArrayList(values));
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : id.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        c.valueProperty().bindBidirectional(p);
        // A choice is never drawn cut ("stand…", "until a training t…"): the form is as wide as its widest choice.
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    private Node learners() {
        FlowPane box = new FlowPane(8, 2);
        for (Learner l : Learner.values()) {
            CheckBox cb = new CheckBox(l.id());
            cb.setId("learner-" + l.id());
            cb.selectedProperty().bindBidirectional(model.learners.get(l));
            box.getChildren().add(cb);
        }
        return box;
    }

    private Node datasetPicker() {
        ComboBox<String> choice = new ComboBox<>(FXCollections.observableArrayList(DatasetRegistry.available()));
        choice.setEditable(true);
        choice.getEditor().textProperty().bindBidirectional(model.dataset);
        choice.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.dataset.set(b);
            }
        });
        choice.setMaxWidth(Double.MAX_VALUE);
        Button browse = new Button("…");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setTooltip(new Tooltip("Choose a dataset file (.npz, IDX images or labels) or, on cancel, a CIFAR-10 "
                + "folder"));
        browse.setOnAction(e -> browse());
        HBox box = new HBox(4, choice, browse);
        HBox.setHgrow(choice, Priority.ALWAYS);
        return box;
    }

    /** Writes the dataset string of a picked file; false when it is an IDX file whose partner is not beside it. */
    public boolean datasetPicked(java.nio.file.Path file) {
        java.util.Optional<String> s = DatasetChoice.of(file);
        s.ifPresent(model.dataset::set);
        return s.isPresent();
    }

    private void browse() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Dataset file: .npz, or an IDX images or labels file");
        SampleData.locate().ifPresent(d -> fc.setInitialDirectory(d.toFile()));
        File f = fc.showOpenDialog(getScene().getWindow());
        if (f == null) {
            javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
            dc.setTitle("CIFAR-10 folder (data_batch_1.bin … test_batch.bin)");
            File d = dc.showDialog(getScene().getWindow());
            if (d != null) {
                DatasetChoice.of(d.toPath()).ifPresent(model.dataset::set);
            }
            return;
        }
        if (datasetPicked(f.toPath())) {
            return;
        }
        fc.setTitle("The labels file that goes with " + f.getName());
        fc.setInitialDirectory(f.getParentFile());
        File labels = fc.showOpenDialog(getScene().getWindow());
        if (labels != null) {
            model.dataset.set(DatasetChoice.idx(f.toPath(), labels.toPath()));
        }
    }
}
