package org.ntkexplorer.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * The menu bar, built from {@link AppAction}s and the commands that carry them out; plus the lists that change
 * while the window is open (example runs, recent runs, presets, panels to enlarge), each given as what it opens.
 * The menus hold no reference to the window.
 */
final class AppMenus {
    private static final int RECENT = 8;

    /** What the menus can open besides the fixed commands: a run folder, a preset, a panel to enlarge. */
    record Openers(Consumer<Path> run, Consumer<Presets.Preset> preset, Supplier<List<LivePanel>> panels,
            Consumer<LivePanel> enlarge) {
    }

    private final Preferences prefs;
    private final Menu recentMenu = new Menu("Recent runs");
    final CheckMenuItem showForm = new CheckMenuItem("Experiment form");
    private Map<AppAction, Runnable> commands = Map.of();
    private Openers open;

    AppMenus(Preferences prefs) {
        this.prefs = prefs;
    }

    MenuBar build(Map<AppAction, Runnable> commands, Openers open) {
        for (AppAction a : AppAction.values()) {
            if (!commands.containsKey(a)) {
                throw new IllegalStateException("no command for the menu action " + a);
            }
        }
        this.commands = commands;
        this.open = open;
        Menu examples = new Menu("Example runs");
        for (Path p : ExampleRuns.all()) {
            examples.getItems().add(item(p.getFileName().toString(), () -> open.run().accept(p)));
        }
        examples.setDisable(examples.getItems().isEmpty());
        Menu file = new Menu("File", null, item(AppAction.OPEN_RUN), examples, item(AppAction.RESUME_RUN), recentMenu,
                new SeparatorMenuItem(), item(AppAction.LOAD_SPEC), item(AppAction.SAVE_SPEC), new SeparatorMenuItem(),
                item(AppAction.EXPORT_CHARTS), new SeparatorMenuItem(), item(AppAction.QUIT));
        Menu presets = new Menu("Presets");
        for (Presets.Preset p : Presets.all()) {
            presets.getItems().add(item(p.name(), () -> open.preset().accept(p)));
        }
        refreshRecent();
        return new MenuBar(file, presets, view(), new Menu("Help", null, item(AppAction.HELP_PANELS),
                item(AppAction.HELP_PRESETS)));
    }

    private Menu view() {
        showForm.setAccelerator(AppAction.SHOW_FORM_KEYS);
        Menu enlarge = new Menu("Enlarge panel");
        enlarge.setOnShowing(e -> {
            enlarge.getItems().clear();
            for (LivePanel p : open.panels().get()) {
                enlarge.getItems().add(item(p.title(), () -> open.enlarge().accept(p)));
            }
        });
        enlarge.getItems().add(new MenuItem());
        return new Menu("View", null, showForm, new SeparatorMenuItem(), enlarge, item(AppAction.RESTORE_PANELS),
                new SeparatorMenuItem(), item(AppAction.LARGER_TEXT), item(AppAction.SMALLER_TEXT),
                item(AppAction.NORMAL_TEXT));
    }

    /**
     * Text size keys, handled once here whatever the keyboard: Ctrl with + (often Shift+=), = or the keypad's plus;
     * with - or the keypad's minus; with 0. The menu items show the keys; the event is consumed so they do not act
     * a second time.
     */
    void installAccelerators(Scene scene) {
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown()) {
                return;
            }
            switch (e.getCode()) {
                case EQUALS, PLUS, ADD -> commands.get(AppAction.LARGER_TEXT).run();
                case MINUS, SUBTRACT -> commands.get(AppAction.SMALLER_TEXT).run();
                case DIGIT0, NUMPAD0 -> commands.get(AppAction.NORMAL_TEXT).run();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private MenuItem item(AppAction a) {
        MenuItem m = item(a.label, commands.get(a));
        m.setId("menu-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (a.keys != null) {
            m.setAccelerator(a.keys);
        }
        return m;
    }

    private static MenuItem item(String text, Runnable r) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> r.run());
        return m;
    }

    void remember(Path dir) {
        List<String> recent = new ArrayList<>(recentRuns().stream().map(Path::toString).toList());
        recent.remove(dir.toString());
        recent.add(0, dir.toString());
        prefs.put("recentRuns", String.join("\n", recent.subList(0, Math.min(RECENT, recent.size()))));
        refreshRecent();
    }

    List<Path> recentRuns() {
        List<Path> out = new ArrayList<>();
        for (String s : prefs.get("recentRuns", "").split("\n")) {
            // A run whose folder was moved or deleted, or never got created, is not offered.
            if (!s.isBlank() && RunFolder.isRun(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path r : recentRuns()) {
            recentMenu.getItems().add(item(r.toString(), () -> open.run().accept(r)));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }
}
