package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Study;


/**
 * One of the window's panels: a header with the title, its tools (selectors), a help mark and the enlarge button;
 * below it one line saying what is drawn; then the chart. Panels take the run's events in batches on the FX thread
 * and draw what they carry, nothing else.
 */
public abstract class LivePanel extends BorderPane {
    private final String title;
    private final Label caption = new Label();
    private final HBox tools = new HBox(4);
    private final Button enlarge = new Button("⤢");
    private final Tooltip help = new Tooltip();
    private Runnable onToggleEnlarge = () -> {
    };
    private boolean enlarged;
    private Study study = Study.SCALING;

    protected LivePanel(String title) {
        this.title = title;
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-title");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        heading.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                onToggleEnlarge.run();
            }
        });
        Label mark = new Label("?");
        mark.getStyleClass().add("help-mark");
        help.setWrapText(true);
        help.setMaxWidth(460);
        help.setShowDelay(Duration.millis(200));
        help.setShowDuration(Duration.minutes(2));
        mark.setTooltip(help);
        heading.setTooltip(help);
        enlarge.getStyleClass().add("enlarge-button");
        enlarge.setTooltip(new Tooltip("Enlarge this panel to fill the window (or double-click its title); again to "
                + "restore"));
        enlarge.setOnAction(e -> onToggleEnlarge.run());
        enlarge.setFocusTraversable(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        tools.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        HBox header = new HBox(6, heading, mark, spacer, tools, enlarge);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        header.getStyleClass().add("panel-header");
        caption.getStyleClass().add("panel-caption");
        caption.setMinWidth(0);
        caption.setTooltip(new Tooltip());
        caption.getTooltip().textProperty().bind(caption.textProperty());
        caption.getTooltip().setWrapText(true);
        caption.getTooltip().setMaxWidth(460);
        setTop(new VBox(header, caption));
        getStyleClass().add("live-panel");
        setId("panel-" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
    }

    public String title() {
        return title;
    }

    /** What the panel shows and what to look for in the current study; Help and the "?" mark show it. */
    public abstract String explanation();

    /** The one-line "what you are looking at" under the title. */
    public String caption() {
        return caption.getText();
    }

    protected void setCaption(String text) {
        caption.setText(text);
    }

    protected void addTools(Node... nodes) {
        tools.getChildren().addAll(nodes);
    }

    protected void setContent(Node content) {
        setCenter(content);
    }

    /** The study whose results are shown; panels whose drawing depends on it override and call this first. */
    public void setStudy(Study s) {
        study = s;
        help.setText(explanation());
    }

    public Study study() {
        return study;
    }

    public void setOnToggleEnlarge(Runnable r) {
        onToggleEnlarge = r;
    }

    public boolean isEnlarged() {
        return enlarged;
    }

    public void setEnlarged(boolean on) {
        enlarged = on;
        enlarge.setText(on ? "⤡" : "⤢");
        enlarge.setId(on ? "restore-button" : null);
    }

    public Button enlargeButton() {
        return enlarge;
    }

    /** What a slide export draws: the chart with its legend, without the header's marks and selectors. */
    public abstract Node exportNode();

    /** Applies a batch of events, in order. */
    public abstract void accept(List<ExperimentEvent> events);

    public abstract void clear();

    /** Whether the panel shows any data. */
    public abstract boolean hasData();

    /** Writes the panel's data as CSV. */
    public abstract void exportCsv(Path file) throws IOException;
}
