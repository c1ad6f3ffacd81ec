package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * Runs as a user does, in processes of their own: a run killed with SIGKILL at random moments and resumed each time
 * ends with the same results.csv, dynamics.csv and fits.json as an uninterrupted run; a second process that tries
 * to write a folder another holds is refused, naming the holder.
 */
@Tag("slow")
class KillResumeStressTest {
    private static final String SPEC = """
            {"study": "scaling", "classes": [0, 1, 2], "nGrid": [30, 60, 90], "nTest": 60, "seeds": 3, "depth": 1,
             "width": 256, "steps": 1500, "batchSize": 10, "learningRate": 0.05, "probeSize": 15,
             "learners": ["network", "entk-init", "nngp"]}""";

    @TempDir
    Path dir;

    private static ProcessBuilder cli(Path log, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.ntkexplorer.Launcher"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    private static int runToEnd(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the run ended");
        return p.exitValue();
    }

    private static List<String> comparable(Path file, boolean dropTiming) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> dropTiming ? l.substring(0, l.lastIndexOf(',')) : l).sorted().collect(Collectors.toList());
    }

    @Test
    void tenKillsAndResumesEndWithTheUninterruptedRunsFiles() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
        Path whole = dir.resolve("whole");
        assertEquals(0, runToEnd(cli(dir.resolve("whole.log"), "run", spec.toString(), "--out", whole.toString(),
                "--threads", "1")));
        Path killed = dir.resolve("killed");
        Random random = new Random(7);
        int kills = 0;
        boolean started = false;
        while (kills < 10) {
            ProcessBuilder pb = started ? cli(dir.resolve("k" + kills + ".log"), "run", "--resume", killed.toString(),
                    "--threads", "1")
                    : cli(dir.resolve("k" + kills + ".log"), "run", spec.toString(), "--out", killed.toString(),
                    "--threads", "1");
            Process p = pb.start();
            // Somewhere between start-up and a few units in, as a power cut or an OOM killer would.
            long after = 1500 + random.nextInt(6000);
            if (p.waitFor(after, TimeUnit.MILLISECONDS)) {
                assertEquals(0, p.exitValue(), Files.readString(dir.resolve("k" + kills + ".log")));
                break;
            }
            // The whole tree at once, as a power cut: the launcher's restarted JVM would otherwise notice its
            // parent's death only at its next check (every 250 ms) and might create the folder after the test
            // looked for it, so that the next start was refused as "already holds a run" (a flake seen once).
            List<ProcessHandle> tree = p.descendants().toList();
            tree.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            for (ProcessHandle h : tree) {
                h.onExit().get(1, TimeUnit.MINUTES);
            }
            started |= Files.exists(killed.resolve("spec.json"));
            kills++;
        }
        assertTrue(kills >= 3, "the run was killed several times before it could finish (" + kills + ")");
        assertEquals(0, runToEnd(cli(dir.resolve("last.log"), "run", "--resume", killed.toString(), "--threads",
                "1")), Files.readString(dir.resolve("last.log")));
        assertEquals(comparable(whole.resolve("results.csv"), true), comparable(killed.resolve("results.csv"), true));
        assertEquals(comparable(whole.resolve("dynamics.csv"), false), comparable(killed.resolve("dynamics.csv"), false));
        assertEquals(Files.readString(whole.resolve("fits.json")), Files.readString(killed.resolve("fits.json")));
        File[] left = killed.resolve("checkpoints").toFile().listFiles();
        assertTrue(left == null || left.length == 0, "no checkpoint outlives its unit");
    }

    @Test
    void aSecondProcessIsRefusedWithTheHoldersProcessId() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.replace("\"seeds\": 3", "\"seeds\": 1")
                .replace("[30, 60, 90]", "[30, 60]"));
        Path run = dir.resolve("run");
        assertEquals(0, runToEnd(cli(dir.resolve("a.log"), "run", spec.toString(), "--out", run.toString())));
        try (RunFolder held = RunFolder.resume(run)) {
            Path log = dir.resolve("b.log");
            assertEquals(1, runToEnd(cli(log, "run", "--resume", run.toString())));
            String text = Files.readString(log);
            assertTrue(text.contains("is being written by process " + ProcessHandle.current().pid()), text);
        }
    }
}
