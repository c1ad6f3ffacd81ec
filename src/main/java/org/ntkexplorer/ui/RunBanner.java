package org.ntkexplorer.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.spec.Study;


/**
 * The line above the panels that says what they show (an example run, an opened run, the run going on, or nothing
 * yet), in the preset's own words where the run is a preset's, with one click to run the quick preset yourself and,
 * on an example run, one click to the example it contrasts with.
 */
final class RunBanner extends HBox {
    /** Where the results on screen come from. */
    enum Origin { EXAMPLE, OPENED, LIVE, NONE }

    private final Label what = new Label();
    private final Button runIt = new Button();
    private final Button about = new Button("About");
    private final ToggleButton form = new ToggleButton("Form");
    /** Opens the contrasting example run (the MLP beside the CNN's example, and back). */
    private final Button contrast = new Button();
    private Path contrastRun;
    private Presets.Preset quick;
    private Presets.Preset own;

    RunBanner(Consumer<Presets.Preset> runPreset, Consumer<String> showHelp, Consumer<Path> openRun) {
        super(8);
        getStyleClass().add("run-banner");
        setId("run-banner");
        what.setId("banner-text");
        what.setMinWidth(0);
        what.setTooltip(new Tooltip());
        what.getTooltip().textProperty().bind(what.textProperty());
        what.getTooltip().setWrapText(true);
        what.getTooltip().setMaxWidth(520);
        HBox.setHgrow(what, Priority.ALWAYS);
        what.setMaxWidth(Double.MAX_VALUE);
        runIt.setId("run-it-yourself");
        contrast.setId("open-contrast");
        contrast.setOnAction(e -> {
            if (contrastRun != null) {
                openRun.accept(contrastRun);
            }
        });
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {runIt, about, contrast, form}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        runIt.getStyleClass().add("run-it");
        runIt.setOnAction(e -> {
            if (quick != null) {
                runPreset.accept(quick);
            }
        });
        about.setOnAction(e -> {
            Presets.Preset p = own != null ? own : quick;
            if (p != null) {
                // The banner's whole line first: on a narrow window it is cut after a few words.
                showHelp.accept(what.getText() + "\n\n" + p.name() + ": " + p.summary() + "\n\n" + p.explanation());
            }
        });
        form.setId("toggle-form");
        form.setTooltip(new Tooltip("Show or hide the experiment form (View → Experiment form, Ctrl+E)"));
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(what, about, contrast, runIt, form);
    }

    ToggleButton formToggle() {
        return form;
    }

    /** Says what the panels show now. */
    void show(Origin origin, Study study, ExperimentSpec spec, Path dir, String state) {
        own = spec == null ? null : PresetGuide.matching(spec).orElse(null);
        Optional<Presets.Preset> q = spec == null ? PresetGuide.quickFor(study) : PresetGuide.quickFor(spec);
        quick = q.orElse(null);
        String name = own != null ? own.name() : dir == null ? "" : dir.getFileName().toString();
        String about = own != null ? own.summary() : spec == null ? "" : "study " + spec.study().id();
        what.setText(switch (origin) {
            case EXAMPLE -> (own != null ? "Example run of the preset " : "Example run ") + name + ", " + state + ". "
                    + about;
            case OPENED -> "Run " + name + ", " + state + ". " + about;
            case LIVE -> "Running " + name + ": " + about;
            case NONE -> "No " + study.id() + " run shown yet: press Run to start the form's experiment"
                    + (q.isPresent() ? ", or run the quick preset." : ".");
        });
        runIt.setVisible(quick != null && origin != RunBanner.Origin.LIVE);
        runIt.setManaged(runIt.isVisible());
        if (quick != null) {
            runIt.setText("▶ Run it yourself");
            runIt.setTooltip(new Tooltip("Start the quick preset " + quick.name() + " now: " + quick.summary()));
            this.about.setTooltip(new Tooltip("What " + (own != null ? own.name() : quick.name()) + " shows and what to "
                    + "look for, in the preset's own words"));
        }
        contrastRun = origin == Origin.EXAMPLE ? ExampleRuns.contrast(dir).orElse(null) : null;
        contrast.setVisible(contrastRun != null);
        contrast.setManaged(contrast.isVisible());
        if (contrastRun != null) {
            boolean toMlp = contrastRun.getFileName().toString().contains("mlp");
            contrast.setText(toMlp ? "Open the MLP example (contrast)" : "Open the CNN example");
            contrast.setTooltip(new Tooltip("Show the example run " + contrastRun.getFileName() + (toMlp
                    ? ": the realistic MLP, the contrast to the CNN in the README's five-minute lecture"
                    : ": the Myrtle CNN, where the README's full runs found claim 1 in level and in exponent")));
        }
        this.about.setVisible(own != null || quick != null);
        this.about.setManaged(this.about.isVisible());
    }

    String text() {
        return what.getText();
    }

    Button contrastButton() {
        return contrast;
    }

    Button runItButton() {
        return runIt;
    }
}
