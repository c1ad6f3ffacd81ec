package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.ntkexplorer.core.experiment.ExperimentEvent;

/**
 * One of the window's live panels: a title with its explanation as a tooltip, the chart, and what it takes from
 * the run's events. Panels are updated on the FX thread with batches of events.
 */
public abstract class LivePanel extends BorderPane {
    private final String title;
    private final String explanation;

    protected LivePanel(String title, String explanation) {
        this.title = title;
        this.explanation = explanation;
        Label heading = new Label(title + "  (?)");
        heading.getStyleClass().add("panel-title");
        Tooltip tip = new Tooltip(explanation);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        heading.setTooltip(tip);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setTop(new HBox(heading, spacer));
        getStyleClass().add("live-panel");
    }

    public String title() {
        return title;
    }

    /** What the panel shows and what to look for; shown in Help and as the title's tooltip. */
    public String explanation() {
        return explanation;
    }

    protected void setContent(Node content) {
        setCenter(content);
    }

    /** Applies a batch of events, in order. */
    public abstract void accept(List<ExperimentEvent> events);

    public abstract void clear();

    /** Whether the panel shows any data (used by tests and by the export menu). */
    public abstract boolean hasData();

    /** Writes the panel's data as CSV. */
    public abstract void exportCsv(Path file) throws IOException;
}
