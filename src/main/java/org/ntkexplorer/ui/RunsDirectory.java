package org.ntkexplorer.ui;

import java.nio.file.Path;
import java.util.prefs.Preferences;

/** Where new runs go and where file dialogs open: ~/NTK Explorer runs, or -Dntk.runsDirectory. */
final class RunsDirectory {
    private static Preferences prefs;

    private RunsDirectory() {
    }

    static void use(Preferences p) {
        prefs = p;
    }

    static Path get() {
        String forced = System.getProperty("ntk.runsDirectory");
        if (forced != null) {
            return Path.of(forced);
        }
        String home = Path.of(System.getProperty("user.home"), "NTK Explorer runs").toString();
        return Path.of(prefs == null ? home : prefs.get("runsDirectory", home));
    }
}
