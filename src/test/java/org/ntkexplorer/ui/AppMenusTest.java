package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.prefs.Preferences;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The menus are built from the actions alone: each action once, with its keys, running its own command. */
@ExtendWith(ApplicationExtension.class)
class AppMenusTest {
    private final Preferences prefs = Preferences.userRoot().node("ntk-explorer-test-" + System.nanoTime());

    @Start
    void start(Stage stage) {
        // No window: the menus need the toolkit only.
    }

    @AfterEach
    void clean() throws Exception {
        prefs.removeNode();
    }

    private static AppMenus.Openers nothingToOpen() {
        return new AppMenus.Openers(p -> { }, p -> { }, List::of, p -> { });
    }

    @Test
    void everyActionIsOneItemThatRunsItsOwnCommand() {
        List<AppAction> ran = new ArrayList<>();
        Map<AppAction, Runnable> commands = new EnumMap<>(AppAction.class);
        for (AppAction a : AppAction.values()) {
            commands.put(a, () -> ran.add(a));
        }
        MenuBar bar = new AppMenus(prefs).build(commands, nothingToOpen());
        List<MenuItem> items = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            collect(m, items);
        }
        Set<String> keys = new HashSet<>();
        for (AppAction a : AppAction.values()) {
            List<MenuItem> its = items.stream().filter(i -> a.label.equals(i.getText())).toList();
            assertEquals(1, its.size(), a + " appears once");
            MenuItem item = its.get(0);
            assertEquals(a.keys, item.getAccelerator(), a + "'s keys");
            if (a.keys != null) {
                assertTrue(keys.add(a.keys.getName()), "keys used twice: " + a.keys.getName());
            }
            ran.clear();
            item.fire();
            assertEquals(List.of(a), ran, a + " runs its command and no other");
        }
        assertTrue(keys.add(AppAction.SHOW_FORM_KEYS.getName()), "the form's keys are not an action's");
    }

    @Test
    void aMenuWithoutACommandIsRefusedWhenBuilt() {
        Map<AppAction, Runnable> commands = new EnumMap<>(AppAction.class);
        for (AppAction a : AppAction.values()) {
            commands.put(a, () -> { });
        }
        commands.remove(AppAction.SAVE_SPEC);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new AppMenus(prefs).build(commands, nothingToOpen()));
        assertTrue(e.getMessage().contains("SAVE_SPEC"), e.getMessage());
    }

    private static void collect(Menu m, List<MenuItem> out) {
        for (MenuItem i : m.getItems()) {
            if (i instanceof Menu sub) {
                collect(sub, out);
            } else {
                out.add(i);
            }
        }
    }
}
