package org.ntkexplorer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ntkexplorer.core.compute.MemorySplit;
import org.ntkexplorer.core.compute.SystemMemory;

/**
 * Starts the app again in a JVM sized for this machine (see {@link MemorySplit}): a JVM cannot change its maximum
 * heap once running, and glibc reads its malloc settings when a process starts. The first JVM only waits: the second
 * shares its standard input, output and error, and its exit code becomes the first one's, so the CLI's 0/1/2 and
 * pipes behave as without the restart. Nothing here loads JavaCPP or ND4J, whose ceilings are read when they load.
 */
final class Relaunch {
    private Relaunch() {
    }

    /**
     * Runs the app in a restarted JVM and returns its exit code, or returns null when this JVM is the one to run it:
     * already restarted, JavaCPP's ceiling given in a form not read here, memory unknown, or no java command to
     * restart with (then JavaCPP's ceilings are still set here). A heap or ceiling the user gave is kept.
     */
    static Integer run(String[] args, boolean gui) {
        if (System.getProperty(MemorySplit.PROPERTY) != null) {
            exitWithParent();
            return null;
        }
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        long ceiling = MemorySplit.givenCeiling(jvm);
        if (ceiling == 0) {
            return null;
        }
        // A heap the user sized is this JVM's: its maximum is what the options asked for.
        MemorySplit split = MemorySplit.choose(SystemMemory.host().availableBytes(),
                MemorySplit.slurmJobBytes(System.getenv()),
                MemorySplit.sizesHeap(jvm) ? Runtime.getRuntime().maxMemory() : -1, ceiling);
        if (split == null) {
            return null;
        }
        Path java = javaCommand(gui);
        if (java == null) {
            split.withJvmDefaultHeap(Runtime.getRuntime().maxMemory()).properties().forEach(System::setProperty);
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        jvm.stream().filter(o -> !o.startsWith("-agentlib:jdwp") && !o.startsWith("-Xrunjdwp")).forEach(cmd::add);
        cmd.addAll(split.javaOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        Map<String, String> env = pb.environment();
        split.environment().forEach(env::putIfAbsent);
        try {
            Process child = pb.start();
            // Ctrl-C or a TERM to this JVM reaches the child too, and this JVM waits for it to finish its cleanup.
            Thread stop = new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                }
            }, "stop restarted JVM");
            Runtime.getRuntime().addShutdownHook(stop);
            int code = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return code;
        } catch (java.io.IOException e) {
            // The restart is an improvement, not a requirement: run here with the default heap.
            split.withJvmDefaultHeap(Runtime.getRuntime().maxMemory()).properties().forEach(System::setProperty);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** This JVM's own java command, or null (a jlink runtime built with --strip-native-commands has none). */
    private static Path javaCommand(boolean gui) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = bin.resolve(windows ? (gui ? "javaw.exe" : "java.exe") : "java");
        return Files.isExecutable(java) ? java : null;
    }

    /**
     * A restarted JVM ends when the JVM that started it is killed outright (kill -9 leaves no time to stop it), so
     * that it does not run on holding its run folder's lock. A killed parent's children are given a new parent.
     */
    private static void exitWithParent() {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (parent <= 1) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
                if (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != parent) {
                    System.err.println("The process that started this one ended; stopping.");
                    System.exit(1);
                }
            }
        }, "exit with parent");
        watch.setDaemon(true);
        watch.start();
    }
}
