package org.ntkexplorer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ntkexplorer.core.compute.MemorySplit;
import org.ntkexplorer.core.compute.SystemMemory;

/**
 * Starts the app again in a JVM sized for this machine (see {@link MemorySplit}): a JVM cannot change its maximum
 * heap once running, and glibc reads its malloc settings when a process starts. The first JVM only waits: the second
 * shares its standard input, output and error, and its exit code becomes the first one's, so the CLI's 0/1/2 and
 * pipes behave as without the restart. Nothing here loads JavaCPP or ND4J, whose ceilings are read when they load.
 *
 * <p>No restart, and the app runs in this JVM, when: {@code -Dntkexplorer.relaunch=false} is given; a debugger agent
 * (jdwp) is attached here; JavaCPP's ceiling is given in a form not read here; the memory free is unknown (it is read
 * from /proc/meminfo and the cgroup, so off Linux); or there is no java command. {@code info} and run.log say which.
 */
final class Relaunch {
    /** {@code -Dntkexplorer.relaunch=false} keeps the app in the JVM the user started. */
    static final String OPT_OUT = "ntkexplorer.relaunch";
    /** Read by the java command or the JVM, and already among this JVM's input arguments, which the restart repeats. */
    static final List<String> JAVA_ENV_OPTIONS = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    /**
     * A file the restarted JVM deletes once it runs: still there after an error, Java did not start with the options
     * given (an initial heap above the maximum, say), and the launcher names the ones it added.
     */
    static final String STARTED = "ntkexplorer.relaunch.started";

    private Relaunch() {
    }

    /** What the decision is made from, read from this JVM and this machine (made up in tests). */
    record Host(List<String> jvm, Map<String, String> env, String optOut, long availableBytes, long heapBytes,
                Path java, String classPath, String os) {
        static Host current(boolean gui) {
            return new Host(ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getenv(),
                    System.getProperty(OPT_OUT), SystemMemory.host().availableBytes(), Runtime.getRuntime().maxMemory(),
                    javaCommand(gui), System.getProperty("java.class.path"), System.getProperty("os.name", ""));
        }

        boolean linux() {
            return os.toLowerCase(Locale.ROOT).startsWith("linux");
        }
    }

    /**
     * A restart: the command, the child's whole environment and the options added to the user's; or no restart:
     * {@code skipped} says why, and {@code split} (null when nothing is known) is applied to this JVM.
     */
    record Plan(List<String> command, Map<String, String> environment, List<String> added, MemorySplit split,
                String skipped) {
        boolean restarts() {
            return command != null;
        }
    }

    /**
     * Runs the app in a restarted JVM and returns its exit code, or returns null when this JVM is the one to run it
     * (then JavaCPP's ceilings are still set here when the memory is known). A heap or ceiling the user gave is kept.
     */
    static Integer run(String[] args, boolean gui) {
        if (System.getProperty(MemorySplit.PROPERTY) != null) {
            String marker = System.getProperty(STARTED);
            if (marker != null) {
                try {
                    Files.deleteIfExists(Path.of(marker));
                } catch (java.io.IOException | RuntimeException e) {
                    // Only a possible extra line on an error: the launcher then names the options it added.
                }
            }
            exitWithParent();
            return null;
        }
        Path marker = startMarker();
        Plan plan = command(Host.current(gui), args, marker);
        if (!plan.restarts()) {
            runHere(plan.split(), plan.skipped());
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(plan.command()).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(plan.environment());
        try {
            Process child = pb.start();
            AtomicBoolean stopping = new AtomicBoolean();
            // Ctrl-C or a TERM to this JVM reaches the child too, and this JVM waits for it to finish its cleanup.
            Thread stop = new Thread(() -> {
                stopping.set(true);
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                }
            }, "stop restarted JVM");
            Runtime.getRuntime().addShutdownHook(stop);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // This JVM is already shutting down (Ctrl-C, a TERM): the hook runs and finds the child ended.
            }
            boolean ran = marker == null || !Files.deleteIfExists(marker);
            String note = exitNote(code, ran, stopping.get(), plan.added());
            if (note != null) {
                System.err.println(note);
            }
            return code;
        } catch (java.io.IOException e) {
            // The restart is an improvement, not a requirement: run here with the default heap.
            runHere(plan.split(), "the restart failed: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * The restart for this host, or why there is none. Pure, so that tests can feed it any JVM and machine.
     *
     * @param marker the file the restarted JVM deletes when it runs (see {@link #STARTED}), or null
     */
    static Plan command(Host host, String[] args, Path marker) {
        List<String> jvm = host.jvm();
        long ceiling = MemorySplit.givenCeiling(jvm);
        if (ceiling == 0) {
            return new Plan(null, null, null, null, "JavaCPP's ceiling is given in a form the launcher does not read, "
                    + "so Java's and JavaCPP's settings are all the user's");
        }
        MemorySplit split = MemorySplit.choose(host.availableBytes(), MemorySplit.slurmJobBytes(host.env()),
                MemorySplit.sizesHeap(jvm) ? host.heapBytes() : -1, MemorySplit.initialHeap(jvm), ceiling);
        String skipped = "false".equalsIgnoreCase(host.optOut()) ? "the restart is turned off by -D" + OPT_OUT + "=false"
                : jvm.stream().anyMatch(Relaunch::isDebugger) ? "a debugger agent (jdwp) is attached to this JVM"
                : split == null ? "the memory free is unknown: the launcher reads it from /proc/meminfo and the cgroup, "
                        + "which only Linux has, so Java's default heap and JavaCPP's default ceiling stay"
                : host.java() == null ? "no java command to restart with" : null;
        if (skipped != null) {
            return new Plan(null, null, null, split, skipped);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(host.java().toString());
        cmd.addAll(jvm);
        cmd.addAll(split.javaOptions());
        if (marker != null) {
            cmd.add("-D" + STARTED + "=" + marker);
        }
        cmd.addAll(List.of("-cp", host.classPath(), Launcher.class.getName()));
        cmd.addAll(Arrays.asList(args));
        Map<String, String> env = new LinkedHashMap<>(host.env());
        JAVA_ENV_OPTIONS.forEach(env::remove);
        // The description is for info and run.log; the sizes are what Java could refuse.
        List<String> added = new ArrayList<>(split.javaOptions().stream()
                .filter(o -> !o.startsWith("-D" + MemorySplit.PROPERTY + "=")).toList());
        split.environment(host.linux()).forEach((k, v) -> {
            if (env.putIfAbsent(k, v) == null) {
                added.add(k + "=" + v);
            }
        });
        return new Plan(cmd, env, added, split, null);
    }

    private static boolean isDebugger(String option) {
        return option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")
                || option.startsWith("-agentpath:") && option.contains("jdwp");
    }

    /** The split applied to this JVM, or why there is none, for info and run.log. */
    private static void runHere(MemorySplit split, String why) {
        if (split == null) {
            System.setProperty(MemorySplit.NOT_CHOSEN, why);
        } else {
            split.withThisJvmHeap(Runtime.getRuntime().maxMemory(), why).properties().forEach(System::setProperty);
        }
    }

    /**
     * A line for standard error after the restarted JVM ended, or null: a signal names itself (SIGKILL is most often
     * the system out of memory), and an error before the app ran names the options the restart added, as Java
     * refuses to start on some (an initial heap above the maximum, say). Nothing when this JVM is being stopped
     * itself: Ctrl-C stopped both.
     *
     * @param ran whether the restarted JVM got as far as the app (it deleted its start marker)
     */
    static String exitNote(int code, boolean ran, boolean stopping, List<String> added) {
        if (stopping || code == 0) {
            return null;
        }
        if (code > 128 && code < 128 + 32) {
            int signal = code - 128;
            return "The app's process ended by signal " + signal + switch (signal) {
                case 9 -> " (SIGKILL: out of memory? The system kills the largest process when memory runs out; dmesg "
                        + "or, in a Slurm job, sacct shows it).";
                case 6, 11 -> (signal == 6 ? " (SIGABRT" : " (SIGSEGV") + ": a crash in native code; Java writes an "
                        + "hs_err_pid file in the working directory).";
                case 15 -> " (SIGTERM: stopped from outside).";
                default -> ".";
            };
        }
        return !ran ? "Java was started again with " + String.join(" ", added) + " (the memory split "
                + "for this machine); if that Java did not start, give your own -Xmx, or -D" + OPT_OUT + "=false." : null;
    }

    /** A new empty file in the temporary folder, or null when none can be made (then no note on a failed start). */
    private static Path startMarker() {
        try {
            Path marker = Files.createTempFile("ntkexplorer-start", ".marker");
            marker.toFile().deleteOnExit();
            return marker;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
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
