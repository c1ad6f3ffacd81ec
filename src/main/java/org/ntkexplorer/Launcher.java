package org.ntkexplorer;

import org.ntkexplorer.cli.NtkCli;

/**
 * Entry point of the jar and of the installers. It does not extend {@code Application}, so JavaFX can be
 * loaded from the class path; with no arguments it opens the window, with any argument it runs the CLI;
 * {@code --smoke-test=OUT.png [--smoke-seconds=N]} opens the window, runs a short study and saves a screenshot, and
 * {@code --size=WxH} opens the window at that size (a projector's 1280x720, say), {@code --text-scale=F} with its
 * text scaled by F (0.8 to 2.4), and {@code --smoke-layout=FILE} writes each shown panel's plot area as JSON.
 * Either way it first starts Java again with a heap and an off-heap ceiling that fit the memory free (read on Linux;
 * elsewhere, or with -Dntkexplorer.relaunch=false or a debugger attached, the app runs in this JVM: {@link Relaunch}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        boolean gui = args.length == 0 || args[0].startsWith("--smoke-") || args[0].startsWith("--size=")
                || args[0].startsWith("--text-scale=");
        // First of all, before JavaCPP loads: the heap and off-heap split for this machine (see Relaunch).
        Integer restarted = Relaunch.run(args, gui);
        if (restarted != null) {
            System.exit(restarted);
        }
        // This JVM runs the app: native memory freed by ND4J goes back to the system as it is freed.
        org.ntkexplorer.core.compute.NativeMemoryTrim.startForProcess();
        if (gui) {
            String problem = org.ntkexplorer.ui.NtkExplorerApp.checkOptions(args);
            if (problem != null) {
                System.err.println(problem);
                System.exit(2);
            }
            org.ntkexplorer.ui.NtkExplorerApp.launchApp(args);
            return;
        }
        System.exit(NtkCli.execute(args));
    }
}
