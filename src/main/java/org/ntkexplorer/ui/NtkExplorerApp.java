package org.ntkexplorer.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.core.experiment.spec.Presets;

/**
 * The JavaFX application; started through {@link org.ntkexplorer.Launcher}. It opens on the example run shipped in
 * sample-data/runs/. With {@code --smoke-test=OUT.png} it runs a preset ({@code --smoke-preset=NAME}, default the
 * quick dynamics one) for a few seconds, or shows a run folder ({@code --smoke-open=DIR}, {@code example} for the
 * example run), saves a screenshot of the window (and each panel as PNG and CSV with {@code --smoke-export=DIR})
 * and exits: 0 when the window rendered and nothing failed. {@code --size=WxH} sets the window's size (screenshots
 * at projector sizes), {@code --text-scale=F} scales the text, {@code --smoke-enlarge=TITLE} enlarges a panel before
 * the screenshot and {@code --smoke-layout=FILE} writes each shown panel's plot area as JSON ({@link LayoutReport});
 * without {@code --smoke-test} it shows the example run (or {@code --smoke-open}) and writes only that.
 */
public class NtkExplorerApp extends Application {
    private MainWindow window;
    private volatile Throwable uncaught;

    /** A message naming what is wrong with the window's options, null when they can be used. */
    public static String checkOptions(String[] args) {
        for (String a : args) {
            if (a.startsWith("--size=") && !a.substring(7).matches("\\d{3,5}x\\d{3,5}")) {
                return "--size must be WIDTHxHEIGHT in pixels, e.g. --size=1280x720 (got " + a.substring(7) + ")";
            }
            if (a.startsWith("--text-scale=")) {
                String v = a.substring(13);
                double f;
                try {
                    f = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return "--text-scale must be a number from " + TextScale.MIN + " to " + TextScale.MAX
                            + ", e.g. --text-scale=1.5 (got " + v + ")";
                }
                if (!(f >= TextScale.MIN && f <= TextScale.MAX)) {
                    return "--text-scale must be from " + TextScale.MIN + " to " + TextScale.MAX + " (got " + v + ")";
                }
            }
        }
        return null;
    }

    public static void launchApp(String[] args) {
        Application.launch(NtkExplorerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            uncaught = e;
            org.slf4j.LoggerFactory.getLogger(NtkExplorerApp.class).error("uncaught on " + t.getName(), e);
        });
        Preferences prefs = Preferences.userRoot().node("org/ntkexplorer/" + System.getProperty("ntk.prefsNode", "app"));
        window = new MainWindow(stage, prefs, MainWindow.defaultThreads());
        Map<String, String> named = getParameters().getNamed();
        if (named.containsKey("size")) {
            String[] wh = named.get("size").split("x");
            stage.setWidth(Double.parseDouble(wh[0]));
            stage.setHeight(Double.parseDouble(wh[1]));
            window.setFormShown(Double.parseDouble(wh[0]) >= 1500);
        }
        if (named.containsKey("text-scale")) {
            window.textScale().factorProperty().set(Double.parseDouble(named.get("text-scale")));
        }
        if (named.containsKey("smoke-form")) {
            window.setFormShown(Boolean.parseBoolean(named.get("smoke-form")));
        }
        stage.show();
        boolean smoke = named.containsKey("smoke-test") || named.containsKey("smoke-layout");
        if (!smoke) {
            window.openExample();
        }
        if (smoke) {
            // After the first pulse: ChartFX holds its data sets' locks during the layout that show() starts.
            PauseTransition settle = new PauseTransition(Duration.millis(500));
            settle.setOnFinished(e -> smokeTest(named.containsKey("smoke-test") ? Path.of(named.get("smoke-test")) : null,
                    Double.parseDouble(named.getOrDefault("smoke-seconds", "20"))));
            settle.play();
        }
    }

    private void smokeTest(Path screenshot, double seconds) {
        try {
            System.setProperty("ntk.runsDirectory", Files.createTempDirectory("ntk-smoke").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String openRun = getParameters().getNamed().getOrDefault("smoke-open",
                screenshot == null ? "example" : null);
        boolean started;
        if (openRun != null) {
            // Shows a finished run instead of starting one: how the README's result plots are made.
            if (openRun.equals("example")) {
                // No example found (no sample-data beside the program) is a failed smoke test, not an empty picture.
                started = window.openExample();
                if (!started) {
                    System.err.println("smoke test: no example run found (sample-data/runs); nothing to show");
                }
            } else {
                window.openRun(Path.of(openRun));
                started = true;
            }
        } else {
            String preset = getParameters().getNamed().getOrDefault("smoke-preset", "dynamics-mlp-quick");
            window.form().setSpec(Presets.find(preset).orElseThrow(
                    () -> new IllegalArgumentException("no preset " + preset)).spec());
            started = window.startRun();
        }
        String enlarge = getParameters().getNamed().get("smoke-enlarge");
        if (enlarge != null) {
            // Two seconds before the screenshot, so the charts have redrawn at their new size.
            PauseTransition grow = new PauseTransition(Duration.seconds(Math.max(0.5, seconds - 2)));
            grow.setOnFinished(e -> window.grid().shown().stream().filter(p -> p.title().equalsIgnoreCase(enlarge))
                    .findFirst().ifPresent(p -> window.grid().enlarge(p)));
            grow.play();
        }
        PauseTransition wait = new PauseTransition(Duration.seconds(seconds));
        wait.setOnFinished(e -> {
            int code = 1;
            try {
                String layout = getParameters().getNamed().get("smoke-layout");
                if (layout != null) {
                    LayoutReport.write(window, Path.of(layout));
                    System.out.print(LayoutReport.json(window));
                }
                code = screenshot == null ? (uncaught == null ? 0 : 1) : screenshot(screenshot, started);
            } catch (Exception ex) {
                ex.printStackTrace();
            }
            window.session().cancel();
            int exit = code;
            PauseTransition stop = new PauseTransition(Duration.seconds(2));
            stop.setOnFinished(x -> {
                Platform.exit();
                System.exit(exit);
            });
            stop.play();
        });
        wait.play();
    }

    /** Saves the window (and the slide export when asked); 0 when it rendered and nothing failed. */
    private int screenshot(Path screenshot, boolean started) throws java.io.IOException {
        window.saveScreenshot(screenshot);
        String exportDir = getParameters().getNamed().get("smoke-export");
        if (exportDir != null) {
            window.exportCharts(Path.of(exportDir));
        }
        String stageText = window.session().stageProperty().get();
        boolean failed = stageText.startsWith("failed");
        boolean drawn = Files.size(screenshot) > 20_000;
        List<LivePanel> shown = window.grid().shown();
        long withData = shown.stream().filter(LivePanel::hasData).count();
        System.out.printf("smoke test: started=%s, stage='%s', panels with data=%d/%d, screenshot %,d bytes, "
                + "uncaught=%s%n", started, stageText, withData, shown.size(), Files.size(screenshot), uncaught);
        return started && !failed && drawn && uncaught == null ? 0 : 1;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
