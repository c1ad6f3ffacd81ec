package org.ntkexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's restart in real processes: the chosen split, a user's -Xmx kept, the exit code passed through. */
@Tag("slow")
class RelaunchTest {
    @TempDir
    Path dir;

    private Process start(Path out, List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private String run(List<String> jvm, int expectedCode, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = start(out, jvm, args);
        try {
            assertTrue(p.waitFor(3, TimeUnit.MINUTES));
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(expectedCode, p.exitValue(), text);
            return text;
        } finally {
            stop(p);
        }
    }

    /** A failed assertion must not leave a launcher or its restarted JVM running. */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void theAppRunsInAJvmSizedForTheMachineAndKeepsAGivenHeap() throws Exception {
        String chosen = run(List.of(), 0, "info");
        assertTrue(chosen.matches("(?s).*memory\\.split +heap [\\d,]+ MiB \\(chosen\\).*"), chosen);
        String given = run(List.of("-Xmx700m"), 0, "info");
        assertTrue(given.contains("heap 700 MiB (as given)") && given.matches("(?s).*heap\\.max +700 MiB.*"), given);
        run(List.of(), 2, "no-such-command");
    }

    @Test
    void anInitialHeapAboveTheChosenMaximumStillStartsAndTheOptOutStaysInThisJvm() throws Exception {
        // -Xms7g is above any heap chosen on a machine of 24 GiB (a quarter of what is free); Java refused to start
        // with -Xms above -Xmx ("Initial heap size set to a larger value than the maximum heap size").
        String raised = run(List.of("-Xms7g"), 0, "info");
        assertTrue(raised.contains("(raised to the initial heap given)") && raised.matches("(?s).*heap\\.max +7,168 MiB.*"),
                raised);
        String here = run(List.of("-Dntkexplorer.relaunch=false"), 0, "info");
        assertTrue(here.contains("this JVM's own: the restart is turned off by -Dntkexplorer.relaunch=false"), here);
    }

    @Test
    void theRestartedJvmEndsWhenItsLauncherIsKilled() throws Exception {
        Path out = dir.resolve("gui.txt");
        Process p = start(out, List.of("-Djava.awt.headless=true"), "bench", "--threads", "1");
        try {
            Thread.sleep(3000);
            List<ProcessHandle> children = p.children().toList();
            assertEquals(1, children.size(), Files.readString(out));
            p.destroyForcibly().waitFor();
            assertTrue(children.get(0).onExit().get(20, TimeUnit.SECONDS) != null);
            assertTrue(!children.get(0).isAlive());
        } finally {
            stop(p);
        }
    }
}
