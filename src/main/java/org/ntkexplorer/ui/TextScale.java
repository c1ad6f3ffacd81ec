package org.ntkexplorer.ui;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;

/**
 * View → Text size: one factor that scales the text of the whole window, the form and every chart's axes, ticks
 * and legend included. It is applied as a generated style sheet, since ChartFX gives its axis text fixed pixel
 * sizes that the window's base font does not reach.
 */
public final class TextScale {
    /** Base sizes in px at factor 1: chosen to stay readable on a 1280×720 projector. */
    static final double BASE = 13;
    private static final double AXIS_LABEL = 13;
    private static final double TICK = 12;
    static final double MIN = 0.8;
    static final double MAX = 2.4;
    private static final double[] STEPS = {0.8, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.4};

    private final DoubleProperty factor = new SimpleDoubleProperty(1);
    private Scene scene;
    private String sheet;

    public DoubleProperty factorProperty() {
        return factor;
    }

    public void install(Scene s) {
        scene = s;
        factor.addListener(o -> apply());
        apply();
    }

    public void larger() {
        step(+1);
    }

    public void smaller() {
        step(-1);
    }

    public void reset() {
        factor.set(1);
    }

    private void step(int direction) {
        double f = factor.get();
        int i = 0;
        while (i < STEPS.length - 1 && STEPS[i] < f - 1e-9) {
            i++;
        }
        int next = Math.max(0, Math.min(STEPS.length - 1, i + direction));
        factor.set(STEPS[next]);
    }

    /** Tick labels' size in px at the current factor (tests). */
    public double tickSize() {
        return TICK * factor.get();
    }

    private void apply() {
        if (scene == null) {
            return;
        }
        double f = factor.get();
        String css = String.format(Locale.ROOT, """
                .root { -fx-font-size: %.1fpx; }
                .axis .axis-label { -fx-font-size: %.1fpx; }
                .axis .axis-tick-label { -fx-font-size: %.1fpx; }
                .chart-legend-item { -fx-font-size: %.1fpx; }
                .panel-title { -fx-font-size: %.1fpx; }
                """, BASE * f, AXIS_LABEL * f, TICK * f, BASE * f, (BASE + 1) * f);
        if (sheet != null) {
            scene.getStylesheets().remove(sheet);
        }
        sheet = "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
        scene.getStylesheets().add(sheet);
    }
}
