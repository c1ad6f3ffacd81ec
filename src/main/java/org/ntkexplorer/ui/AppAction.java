package org.ntkexplorer.ui;

import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every fixed command of the menus, with its label and keys. The menus are built from this list and run a command
 * looked up by action, so a command's label and keys are written once and the menus never reach into the window.
 */
enum AppAction {
    OPEN_RUN("Open run…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN)),
    RESUME_RUN("Resume run…", null),
    LOAD_SPEC("Load spec…", null),
    SAVE_SPEC("Save spec…", null),
    EXPORT_CHARTS("Export charts for slides…",
            new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    QUIT("Quit", null),
    RESTORE_PANELS("Restore panels", null),
    LARGER_TEXT("Larger text", new KeyCharacterCombination("+", KeyCombination.SHORTCUT_DOWN)),
    SMALLER_TEXT("Smaller text", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN)),
    NORMAL_TEXT("Normal text size", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN)),
    HELP_PANELS("What the panels show", null),
    HELP_PRESETS("What the presets show", null);

    /** The form's show/hide toggle: a check item, not a command, but its keys belong with the others. */
    static final KeyCombination SHOW_FORM_KEYS = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);

    final String label;
    /** Null when the command has no keys of its own. */
    final KeyCombination keys;

    AppAction(String label, KeyCombination keys) {
        this.label = label;
        this.keys = keys;
    }
}
