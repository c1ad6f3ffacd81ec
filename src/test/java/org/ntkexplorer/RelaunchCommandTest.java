package org.ntkexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The launcher's decision as a pure function of the JVM's options, the environment and the machine (no process). */
class RelaunchCommandTest {
    private static final long GIB = 1L << 30;
    private static final Path JAVA = Path.of("/jdk/bin/java");
    private static final String[] ARGS = {"info"};

    private static Relaunch.Host host(List<String> jvm, Map<String, String> env, String optOut, String os) {
        return new Relaunch.Host(jvm, env, optOut, 8 * GIB, 6 * GIB, JAVA, "app.jar", os);
    }

    private static Relaunch.Plan linux(List<String> jvm) {
        return Relaunch.command(host(jvm, Map.of(), null, "Linux"), ARGS, Path.of("/tmp/started"));
    }

    @Test
    void aPlainStartIsRestartedWithTheChosenHeapAndCeiling() {
        Relaunch.Plan p = linux(List.of("-Xss2m"));
        assertTrue(p.restarts());
        assertEquals(List.of("/jdk/bin/java", "-Xss2m", "-Xmx1984m"), p.command().subList(0, 3));
        assertEquals(List.of("-cp", "app.jar", Launcher.class.getName(), "info"),
                p.command().subList(p.command().size() - 4, p.command().size()));
        assertTrue(p.command().contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (8 * GIB - 256L * (1 << 20))),
                p.command().toString());
        assertTrue(p.command().contains("-Dntkexplorer.relaunch.started=/tmp/started"), "the start marker");
        assertFalse(p.added().stream().anyMatch(o -> o.startsWith("-Dntkexplorer.memory.split=")),
                "the failure note names sizes, not the description");
    }

    @Test
    void anInitialHeapAboveTheChosenMaximumRaisesTheMaximum() {
        // -Xms7g with the chosen -Xmx1984m made Java refuse to start ("Initial heap size set to a larger value than
        // the maximum heap size").
        Relaunch.Plan p = linux(List.of("-Xms7g"));
        assertTrue(p.command().contains("-Xmx7168m"), p.command().toString());
        assertFalse(p.command().contains("-Xmx1984m"));
        assertTrue(linux(List.of("-XX:InitialHeapSize=3g")).command().contains("-Xmx3072m"));
    }

    @Test
    void aDebuggerOrTheOptOutKeepsTheAppInThisJvmWithTheCeilingSetHere() {
        Relaunch.Plan debug = linux(List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005"));
        assertFalse(debug.restarts());
        assertTrue(debug.skipped().contains("jdwp"), debug.skipped());
        assertEquals(8 * GIB - 256L * (1 << 20), debug.split().budgetBytes(), "JavaCPP's ceiling is still set here");
        assertFalse(linux(List.of("-Xrunjdwp:transport=dt_socket")).restarts());

        Relaunch.Plan off = Relaunch.command(host(List.of(), Map.of(), "false", "Linux"), ARGS, null);
        assertFalse(off.restarts());
        assertTrue(off.skipped().contains("-Dntkexplorer.relaunch=false"), off.skipped());
        assertTrue(Relaunch.command(host(List.of(), Map.of(), "true", "Linux"), ARGS, null).restarts());
    }

    @Test
    void javaOptionsFromTheEnvironmentAreNotAppliedTwice() {
        // They are among the input arguments the restart repeats; left in the environment, the child's JVM would
        // apply them again (and print "Picked up ..." twice).
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Dtool=1", "JDK_JAVA_OPTIONS", "-Djdk=1",
                "_JAVA_OPTIONS", "-Dunder=1", "HOME", "/home/u");
        Relaunch.Plan p = Relaunch.command(host(List.of("-Dtool=1", "-Djdk=1", "-Dunder=1"), env, null, "Linux"), ARGS, null);
        assertEquals(1, p.command().stream().filter("-Dtool=1"::equals).count());
        assertNull(p.environment().get("JAVA_TOOL_OPTIONS"));
        assertNull(p.environment().get("JDK_JAVA_OPTIONS"));
        assertNull(p.environment().get("_JAVA_OPTIONS"));
        assertEquals("/home/u", p.environment().get("HOME"));
    }

    @Test
    void glibcsMallocSettingsAreSetOnLinuxOnlyAndAUsersOwnAreKept() {
        Relaunch.Plan onLinux = linux(List.of());
        assertEquals("2", onLinux.environment().get("MALLOC_ARENA_MAX"));
        assertEquals("4194304", onLinux.environment().get("MALLOC_MMAP_THRESHOLD_"));
        assertTrue(onLinux.added().contains("MALLOC_ARENA_MAX=2"));
        Relaunch.Plan mac = Relaunch.command(host(List.of(), Map.of(), null, "Mac OS X"), ARGS, null);
        assertFalse(mac.environment().containsKey("MALLOC_ARENA_MAX"));
        Relaunch.Plan own = Relaunch.command(host(List.of(), Map.of("MALLOC_ARENA_MAX", "4"), null, "Linux"), ARGS, null);
        assertEquals("4", own.environment().get("MALLOC_ARENA_MAX"));
    }

    @Test
    void unknownMemoryMeansNoRestartAndSaysWhy() {
        Relaunch.Plan p = Relaunch.command(new Relaunch.Host(List.of(), Map.of(), null, -1, 6 * GIB, JAVA, "app.jar",
                "Windows 11"), ARGS, null);
        assertFalse(p.restarts());
        assertNull(p.split());
        assertTrue(p.skipped().contains("/proc/meminfo") && p.skipped().contains("only Linux"), p.skipped());
    }

    @Test
    void theExitNoteNamesASignalOrTheAddedOptionsAndStaysQuietOtherwise() {
        List<String> added = List.of("-Xmx1984m", "MALLOC_ARENA_MAX=2");
        assertTrue(Relaunch.exitNote(137, true, false, added).startsWith(
                "The app's process ended by signal 9 (SIGKILL: out of memory?"));
        assertTrue(Relaunch.exitNote(134, true, false, added).contains("signal 6 (SIGABRT"));
        assertNull(Relaunch.exitNote(130, true, true, added), "Ctrl-C here stopped it: nothing to explain");
        assertTrue(Relaunch.exitNote(1, false, false, added).contains("-Xmx1984m MALLOC_ARENA_MAX=2"),
                "Java did not get as far as the app");
        assertNull(Relaunch.exitNote(1, true, false, added), "a refusal or failure of the app is the app's to explain");
        assertNull(Relaunch.exitNote(0, false, false, added));
    }
}
