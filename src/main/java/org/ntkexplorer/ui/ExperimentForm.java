package org.ntkexplorer.ui;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.experiment.ExperimentSpec;
import org.ntkexplorer.core.experiment.InvalidSpecException;
import org.ntkexplorer.core.experiment.Learner;

/**
 * The experiment form. It holds text as typed and turns it into an {@link ExperimentSpec} through the same
 * validation as the command line, marking each field that a problem names.
 */
public final class ExperimentForm extends VBox {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final ComboBox<String> study = combo("study", "Which study to run", "scaling", "pretrained", "dynamics",
            "width-sweep");
    private final ComboBox<String> dataset = new ComboBox<>();
    private final TextField classes = text("classes", "Class ids to keep, comma-separated (empty: all classes)");
    private final TextField nGrid = text("nGrid", "Training-set sizes, comma-separated; dynamics and the width sweep use the first");
    private final TextField nTest = text("nTest", "Test examples (the same test set for every n of a seed)");
    private final TextField seeds = text("seeds", "Number of seeds: independent subsets and initialisations");
    private final ComboBox<String> architecture = combo("architecture", "mlp, or a Myrtle CNN of depth 5, 7 or 10",
            "mlp", "myrtle5", "myrtle7", "myrtle10");
    private final TextField depth = text("depth", "Hidden layers of the MLP");
    private final Slider widthSlider = new Slider(3, 12, 9);
    private final Label widthLabel = new Label();
    private final TextField widths = text("widths", "Widths of a width sweep, comma-separated");
    private final ComboBox<String> activation = combo("activation", "Nonlinearity of the hidden layers", "relu", "tanh",
            "erf", "gelu");
    private final ComboBox<String> parameterization = combo("parameterization",
            "ntk: multipliers σ/√fan_in in the function (NTK theory); standard: only in the initialisation",
            "ntk", "standard");
    private final TextField sigmaW = text("sigmaW", "σ_w, weight scale");
    private final TextField sigmaB = text("sigmaB", "σ_b, bias scale");
    private final ComboBox<String> optimizer = combo("optimizer", "sgd, SGD with Nesterov momentum, or Adam", "sgd",
            "momentum", "adam");
    private final TextField learningRate = text("learningRate", "Learning rate");
    private final TextField momentum = text("momentum", "Momentum (β₁ for Adam)");
    private final TextField batchSize = text("batchSize", "Minibatch size");
    private final TextField epochs = text("epochs", "Training epochs");
    private final ComboBox<String> loss = combo("loss", "mse on centred one-hot targets, or cross-entropy", "mse",
            "xent");
    private final ComboBox<String> schedule = combo("schedule", "Learning-rate schedule", "constant", "cosine", "step");
    private final TextField probeSize = text("probeSize", "Examples of the fixed probe set for kernel dynamics");
    private final TextField n0 = text("n0", "Training examples of the pre-trained network (study pretrained)");
    private final Map<Learner, CheckBox> learners = new LinkedHashMap<>();
    private final CheckBox saveKernels = new CheckBox("Save probe kernels (.npy)");
    private final Label problems = new Label();
    private ObjectNode base = JSON.createObjectNode();

    public ExperimentForm() {
        setSpacing(6);
        setPadding(new Insets(8));
        setPrefWidth(330);
        dataset.setEditable(true);
        dataset.setItems(FXCollections.observableArrayList(DatasetRegistry.available()));
        dataset.setTooltip(new Tooltip("A dataset string: fashion-mnist-sample, fashion-mnist, idx:IMAGES,LABELS, "
                + "cifar10:DIR, npz:FILE, teacher-student, gaussian-mixture"));
        dataset.setMaxWidth(Double.MAX_VALUE);
        fields.put("dataset", dataset);
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose a dataset file (.npz, IDX) or a CIFAR-10 folder"));
        browse.setOnAction(e -> browse());
        widthSlider.setMajorTickUnit(1);
        widthSlider.setMinorTickCount(0);
        widthSlider.setSnapToTicks(true);
        widthSlider.setShowTickMarks(true);
        widthSlider.setTooltip(new Tooltip("Hidden units (MLP) or channels (CNN), a power of two"));
        widthSlider.valueProperty().addListener((o, a, b) -> widthLabel.setText(Integer.toString(width())));
        fields.put("width", widthSlider);
        for (Learner l : Learner.values()) {
            CheckBox cb = new CheckBox(l.id());
            cb.setTooltip(new Tooltip(learnerHelp(l)));
            learners.put(l, cb);
        }
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        int row = 0;
        row = add(grid, row, "Study", study);
        HBox ds = new HBox(4, dataset, browse);
        HBox.setHgrow(dataset, Priority.ALWAYS);
        row = add(grid, row, "Dataset", ds);
        row = add(grid, row, "Classes", classes);
        row = add(grid, row, "n grid", nGrid);
        row = add(grid, row, "Test n", nTest);
        row = add(grid, row, "Seeds", seeds);
        row = add(grid, row, "Architecture", architecture);
        row = add(grid, row, "Depth", depth);
        row = add(grid, row, "Width", new HBox(4, widthSlider, widthLabel));
        row = add(grid, row, "Sweep widths", widths);
        row = add(grid, row, "Activation", activation);
        row = add(grid, row, "Parameterisation", parameterization);
        row = add(grid, row, "σ_w", sigmaW);
        row = add(grid, row, "σ_b", sigmaB);
        row = add(grid, row, "Optimiser", optimizer);
        row = add(grid, row, "Learning rate", learningRate);
        row = add(grid, row, "Momentum", momentum);
        row = add(grid, row, "Batch size", batchSize);
        row = add(grid, row, "Epochs", epochs);
        row = add(grid, row, "Loss", loss);
        row = add(grid, row, "Schedule", schedule);
        row = add(grid, row, "Probe size", probeSize);
        add(grid, row, "Pre-train n0", n0);
        VBox learnerBox = new VBox(2);
        learnerBox.getChildren().add(new Label("Learners"));
        learnerBox.getChildren().addAll(learners.values());
        saveKernels.setId("field-saveKernels");
        saveKernels.setTooltip(new Tooltip("Keep every probe-kernel snapshot under kernels/ in the run folder, so a "
                + "reopened run shows its heatmap and the kernels can be checked in NumPy"));
        learnerBox.getChildren().add(saveKernels);
        problems.setWrapText(true);
        problems.getStyleClass().add("form-problems");
        problems.setId("form-problems");
        getChildren().addAll(grid, learnerBox, problems);
        for (Control c : fields.values()) {
            if (c instanceof TextField t) {
                t.textProperty().addListener((o, a, b) -> validate());
            } else if (c instanceof ComboBox<?> cb) {
                cb.valueProperty().addListener((o, a, b) -> validate());
            }
        }
        setSpec(ExperimentSpec.parse("{\"study\": \"dynamics\", \"nGrid\": [512], \"epochs\": 10, \"width\": 512}"));
    }

    private static String learnerHelp(Learner l) {
        switch (l) {
            case NETWORK: return "The trained network itself";
            case ENTK_INIT: return "Kernel regression with the network's empirical NTK at initialisation";
            case ENTK_PRETRAINED: return "Kernel regression with the eNTK of a network trained on n0 examples";
            case INFINITE_NTK: return "Kernel regression with the infinite-width NTK (MLP only)";
            default: return "Kernel regression with the infinite-width NNGP (MLP only)";
        }
    }

    private int add(GridPane grid, int row, String label, Node control) {
        grid.add(new Label(label), 0, row);
        grid.add(control, 1, row);
        if (control instanceof Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
        GridPane.setHgrow(control, Priority.ALWAYS);
        return row + 1;
    }

    private TextField text(String key, String help) {
        TextField t = new TextField();
        t.setTooltip(new Tooltip(help));
        t.setId("field-" + key);
        fields.put(key, t);
        return t;
    }

    private ComboBox<String> combo(String key, String help, String... items) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(items));
        c.setTooltip(new Tooltip(help));
        c.setId("field-" + key);
        fields.put(key, c);
        return c;
    }

    private int width() {
        return 1 << (int) Math.round(widthSlider.getValue());
    }

    private void browse() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Dataset file (.npz, IDX images) — cancel to choose a CIFAR-10 folder");
        File f = fc.showOpenDialog(getScene().getWindow());
        if (f != null) {
            dataset.setValue(f.getName().endsWith(".npz") ? "npz:" + f : "idx:" + f + "," + f);
            return;
        }
        File d = new DirectoryChooser().showDialog(getScene().getWindow());
        if (d != null) {
            dataset.setValue("cifar10:" + d);
        }
    }

    /** Fills the form from a spec (a preset, a loaded file, the last session). */
    public void setSpec(ExperimentSpec spec) {
        base = JSON.valueToTree(spec.toMap());
        study.setValue(spec.study().id());
        dataset.setValue(spec.dataset());
        classes.setText(spec.classes() == null ? "" : join(spec.classes()));
        nGrid.setText(join(spec.nGrid()));
        nTest.setText(Integer.toString(spec.nTest()));
        seeds.setText(Integer.toString(spec.seeds()));
        architecture.setValue(spec.architecture().id());
        depth.setText(Integer.toString(spec.depth()));
        widthSlider.setValue(Math.max(3, Math.min(12, Math.round(Math.log(spec.width()) / Math.log(2)))));
        widthLabel.setText(Integer.toString(width()));
        widths.setText(join(spec.widths()));
        activation.setValue(spec.activation().id());
        parameterization.setValue(spec.parameterization().id());
        sigmaW.setText(Double.toString(spec.sigmaW()));
        sigmaB.setText(Double.toString(spec.sigmaB()));
        optimizer.setValue(spec.optimizer().id());
        learningRate.setText(Double.toString(spec.learningRate()));
        momentum.setText(Double.toString(spec.momentum()));
        batchSize.setText(Integer.toString(spec.batchSize()));
        epochs.setText(Integer.toString(spec.epochs()));
        loss.setValue(spec.loss().id());
        schedule.setValue(spec.schedule().id());
        probeSize.setText(Integer.toString(spec.probeSize()));
        n0.setText(Integer.toString(spec.n0()));
        for (Map.Entry<Learner, CheckBox> e : learners.entrySet()) {
            e.getValue().setSelected(spec.learners().contains(e.getKey()));
        }
        saveKernels.setSelected(spec.saveKernels());
        validate();
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** The form as spec JSON, values as typed (numbers where they parse, text otherwise, so problems are named). */
    public String toJson() {
        ObjectNode o = base.deepCopy();
        o.put("study", study.getValue());
        o.put("dataset", dataset.getEditor().getText().isBlank() ? String.valueOf(dataset.getValue())
                : dataset.getEditor().getText());
        if (classes.getText().isBlank()) {
            o.putNull("classes");
        } else {
            o.set("classes", list(classes.getText()));
        }
        o.set("nGrid", list(nGrid.getText()));
        o.set("widths", list(widths.getText()));
        number(o, "nTest", nTest.getText());
        number(o, "seeds", seeds.getText());
        o.put("architecture", architecture.getValue());
        number(o, "depth", depth.getText());
        o.put("width", width());
        o.put("activation", activation.getValue());
        o.put("parameterization", parameterization.getValue());
        number(o, "sigmaW", sigmaW.getText());
        number(o, "sigmaB", sigmaB.getText());
        o.put("optimizer", optimizer.getValue());
        number(o, "learningRate", learningRate.getText());
        number(o, "momentum", momentum.getText());
        number(o, "batchSize", batchSize.getText());
        number(o, "epochs", epochs.getText());
        o.put("loss", loss.getValue());
        o.put("schedule", schedule.getValue());
        number(o, "probeSize", probeSize.getText());
        number(o, "n0", n0.getText());
        o.put("saveKernels", saveKernels.isSelected());
        ArrayNode ls = o.putArray("learners");
        learners.forEach((l, cb) -> {
            if (cb.isSelected()) {
                ls.add(l.id());
            }
        });
        return o.toPrettyString();
    }

    private static JsonNode list(String text) {
        ArrayNode a = JSON.createArrayNode();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                try {
                    a.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    a.add(part.trim());
                }
            }
        }
        return a;
    }

    private static void number(ObjectNode o, String key, String text) {
        String t = text.trim();
        try {
            if (t.matches("-?\\d+")) {
                o.put(key, Long.parseLong(t));
            } else {
                o.put(key, Double.parseDouble(t));
            }
        } catch (NumberFormatException e) {
            o.put(key, t);
        }
    }

    /** The spec, or null with every problem shown at its field and below the form. */
    public ExperimentSpec validate() {
        for (Control c : fields.values()) {
            c.getStyleClass().remove("invalid");
        }
        try {
            ExperimentSpec s = ExperimentSpec.parse(toJson());
            problems.setText("");
            return s;
        } catch (InvalidSpecException e) {
            List<String> shown = new ArrayList<>();
            for (String p : e.problems()) {
                shown.add("• " + p);
                for (Map.Entry<String, Control> f : fields.entrySet()) {
                    if (p.startsWith(f.getKey()) || p.contains(" " + f.getKey() + " ")) {
                        if (!f.getValue().getStyleClass().contains("invalid")) {
                            f.getValue().getStyleClass().add("invalid");
                        }
                    }
                }
            }
            problems.setText(String.join("\n", shown));
            return null;
        }
    }

    public String problemText() {
        return problems.getText();
    }
}
