package org.ntkexplorer.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import org.ntkexplorer.core.experiment.spec.Study;


/** Every study's view, by study: the five built-in ones and any registered since. */
public final class StudyViews {
    private static final Map<Study, StudyView> VIEWS = new LinkedHashMap<>();

    static {
        List.of(view(Study.SCALING, g -> scaling(g, false)), view(Study.PRETRAINED, g -> scaling(g, true)),
                view(Study.DYNAMICS, StudyViews::dynamics),
                view(Study.WIDTH_SWEEP, g -> PanelGrid.split(Orientation.HORIZONTAL, new double[] {0.62}, g.width,
                        g.training)),
                view(Study.RICHNESS, g -> PanelGrid.split(Orientation.VERTICAL, new double[] {0.62}, g.richness,
                        g.training)))
                .forEach(v -> VIEWS.put(v.study(), v));
    }

    private StudyViews() {
    }

    /** Adds a study's view; closing the returned handle removes it again. */
    public static synchronized AutoCloseable register(StudyView v) {
        if (VIEWS.containsKey(v.study())) {
            throw new IllegalArgumentException("study '" + v.study().id() + "' already has a view");
        }
        VIEWS.put(v.study(), v);
        return () -> unregister(v);
    }

    private static synchronized void unregister(StudyView v) {
        VIEWS.remove(v.study(), v);
    }

    public static synchronized StudyView of(Study s) {
        StudyView v = VIEWS.get(s);
        if (v == null) {
            throw new IllegalStateException("study '" + s.id() + "' has no view");
        }
        return v;
    }

    private static StudyView view(Study s, Function<PanelGrid, SplitPane> layout) {
        return new StudyView() {
            @Override
            public Study study() {
                return s;
            }

            @Override
            public SplitPane layout(PanelGrid grid) {
                return layout.apply(grid);
            }
        };
    }

    /** Studies 1 and 2: the scaling chart and training above, each n's kernel below. */
    private static SplitPane scaling(PanelGrid g, boolean pretrained) {
        g.scaling.explainPretrainedClaim(pretrained);
        g.drift.showPerSize(true);
        return PanelGrid.split(Orientation.VERTICAL, new double[] {0.54},
                PanelGrid.split(Orientation.HORIZONTAL, new double[] {0.64}, g.scaling, g.training),
                PanelGrid.split(Orientation.HORIZONTAL, new double[] {0.34, 0.67}, g.drift, g.spectrum, g.heatmap));
    }

    /** Study 3: the kernel across epochs. */
    private static SplitPane dynamics(PanelGrid g) {
        g.drift.showPerSize(false);
        return PanelGrid.split(Orientation.VERTICAL, new double[] {0.52},
                PanelGrid.split(Orientation.HORIZONTAL, new double[] {0.55}, g.drift, g.spectrum),
                PanelGrid.split(Orientation.HORIZONTAL, new double[] {0.45}, g.heatmap, g.training));
    }
}
