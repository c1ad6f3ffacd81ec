package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunManifest;

/** What {@code merge} does with the kernel blocks of a run's shards ({@link KernelBlockUnits}). */
final class KernelBlockMerger {
    private static final int NAMED = 20;

    private KernelBlockMerger() {
    }

    /**
     * What {@code merge} does with the kernel blocks of its folders: refuses folders started with different
     * {@code --kernel-blocks}, a block of another spec, a block given twice, and (unless {@code partial}) a missing
     * one, naming each; otherwise returns the finished blocks to copy, by id, with their folder.
     */
    static Map<String, Path> checkMerge(List<Path> dirs, List<RunManifest.Shard> shards,
            java.util.Set<String> seals, ExperimentSpec spec, boolean partial) throws IOException {
        Map<Integer, List<Path>> settings = new TreeMap<>();
        for (Path d : dirs) {
            settings.computeIfAbsent(KernelBlockUnits.blocksOf(d), k -> new ArrayList<>()).add(d);
        }
        if (settings.size() > 1) {
            List<String> named = new ArrayList<>();
            settings.forEach((b, ds) -> named.add((b == 0 ? "without --kernel-blocks" : "--kernel-blocks " + b) + ": "
                    + ds));
            throw new IllegalArgumentException("the shards were started with different kernel blocks ("
                    + String.join("; ", named) + "). Merge only shards started with the same --kernel-blocks");
        }
        int blocks = settings.keySet().iterator().next();
        Map<String, Path> from = new LinkedHashMap<>();
        if (blocks == 0) {
            return from;
        }
        List<String> doubled = new ArrayList<>();
        for (Path d : dirs) {
            for (KernelBlockUnits.Written w : KernelBlockUnits.finished(d).values()) {
                if (!seals.contains(w.specSha256())) {
                    throw new IllegalArgumentException("kernel block " + w.unit().describe() + " in " + d + " was "
                            + "computed for another spec (SHA-256 " + w.specSha256() + ", the run's is "
                            + String.join(" or ", seals) + "); compute it again in a shard of this spec");
                }
                Path before = from.putIfAbsent(w.unit().id(), d);
                if (before != null) {
                    doubled.add(w.unit().describe() + " (in " + before + " and " + d + ")");
                }
            }
        }
        List<KernelBlockUnits.BlockUnit> all = KernelBlockUnits.all(spec, blocks);
        List<String> missing = new ArrayList<>();
        for (KernelBlockUnits.BlockUnit b : all) {
            if (!from.containsKey(b.id())) {
                missing.add(b.describe() + whereMissing(b, all, dirs, shards));
            }
        }
        if (from.size() + missing.size() != all.size()) {
            throw new IllegalArgumentException("the shards hold kernel blocks that are not blocks of the spec with "
                    + "--kernel-blocks " + blocks + ": " + from.keySet().stream().filter(id -> all.stream()
                    .noneMatch(b -> b.id().equals(id))).toList() + ". Merge only shards of one run");
        }
        List<String> problems = new ArrayList<>();
        if (!doubled.isEmpty()) {
            problems.add(doubled.size() + " kernel block" + (doubled.size() == 1 ? " is" : "s are") + " in more than "
                    + "one folder: " + names(doubled) + ". Give each shard once");
        }
        if (!missing.isEmpty() && !partial) {
            problems.add(missing.size() + " of " + all.size() + " kernel blocks " + (missing.size() == 1 ? "is" : "are")
                    + " missing: " + names(missing) + ". Finish or add those shards, or merge what there is with "
                    + "--partial (run --resume on the merged folder then computes them)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the folders do not hold every kernel block exactly once: "
                    + String.join("; ", problems));
        }
        return from;
    }

    private static String whereMissing(KernelBlockUnits.BlockUnit b, List<KernelBlockUnits.BlockUnit> all, List<Path> dirs,
            List<RunManifest.Shard> shards) {
        for (int i = 0; i < dirs.size(); i++) {
            RunManifest.Shard s = shards.get(i);
            if (s == null) {
                return " (not finished in " + dirs.get(i) + "; continue it with run --resume)";
            }
            if (KernelBlockUnits.assign(all, s.count())[all.indexOf(b)] == s.index()) {
                return " (shard " + s.describe() + " in " + dirs.get(i) + " has not finished it; continue it with "
                        + "run --resume " + dirs.get(i) + ")";
            }
        }
        return "";
    }

    private static String names(List<String> items) {
        return String.join("; ", items.stream().limit(NAMED).toList())
                + (items.size() > NAMED ? "; and " + (items.size() - NAMED) + " more" : "");
    }

    /** Copies the blocks {@link #checkMerge} returned into the merged folder, each block.json last. */
    static void copy(Map<String, Path> from, Path out) throws IOException {
        if (from.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Path> e : from.entrySet()) {
            Path src = e.getValue().resolve(KernelBlockUnits.DIR).resolve(e.getKey());
            Path dst = out.resolve(KernelBlockUnits.DIR).resolve(e.getKey());
            Files.createDirectories(dst);
            try (var files = Files.list(src)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".npy")) {
                        Files.copy(f, dst.resolve(name));
                    }
                }
            }
            Files.copy(src.resolve(KernelBlockUnits.BLOCK_JSON), dst.resolve(KernelBlockUnits.BLOCK_JSON));
        }
    }
}
