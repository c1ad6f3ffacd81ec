package org.ntkexplorer.ui;

import javafx.scene.control.SplitPane;
import org.ntkexplorer.core.experiment.spec.Study;


/**
 * The window's side of one study: which panels it shows and how they are laid out. The core's side is its
 * StudyDefinition, which also names the spec keys it reads (the form shows those fields). {@link StudyViews} holds
 * every view; {@link PanelGrid} asks the view of the study shown rather than testing which study it is.
 */
public interface StudyView {

    Study study();

    /**
     * The study's panels in split panes ({@link PanelGrid#split}), the main one largest: the grid's own panels, or
     * panels of the view's own made once per window with {@link PanelGrid#own}. Also sets what the shared panels
     * draw differently in this study.
     */
    SplitPane layout(PanelGrid grid);
}
