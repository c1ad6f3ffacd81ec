package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ntkexplorer.core.experiment.analysis.Fits;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.CsvTable;
import org.ntkexplorer.core.experiment.store.DynamicsRow;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.RunLock;
import org.ntkexplorer.core.experiment.store.RunManifest;
import org.ntkexplorer.core.experiment.store.ShardPlan;
import org.ntkexplorer.core.experiment.store.SpectrumRow;
import org.ntkexplorer.core.experiment.store.SpikeRow;
import org.ntkexplorer.core.experiment.store.StoredStudy;
import org.ntkexplorer.core.experiment.store.TrainingRow;
import org.ntkexplorer.core.experiment.store.UnitRow;
import org.ntkexplorer.core.experiment.store.WidthRow;

/**
 * Joins the folders of a sharded run ({@link RunFolder#createShard}) into one run folder holding what one process
 * would have written: every table's rows in the order of the units, the probe kernels, and fits.json fitted to all
 * rows. Only units that a shard marked finished in units.csv are taken, so a shard that was cut off, or is still
 * running, contributes its finished units and nothing half-written. The shards must have run the same spec and
 * must together hold every unit of it exactly once; with {@code partial} missing units are allowed and named, and
 * the merged folder can be resumed to compute them.
 */
public final class RunMerge {
    private static final int NAMED = 20;
    private static final Pattern KERNEL_FILE = Pattern.compile("seed(\\d+)-n(\\d+)-(?:epoch\\d+|labels)\\.npy");

    /**
     * What a merge wrote.
     *
     * @param missing the units no shard had finished (only with {@code partial}), as {@link UnitKey#describe()}
     */
    public record Result(Path dir, int shards, int units, int totalUnits, List<String> missing,
                         Map<FitKey, FitEntry> fits) {
    }

    /** One folder given to the merge. */
    private record Part(Path dir, RunFolder folder, RunManifest manifest, Set<UnitKey> finished,
                        Set<UnitKey> planned) {
        String describe() {
            return manifest.shard() == null ? dir + " (a whole run)" : "shard " + manifest.shard().describe()
                    + " in " + dir;
        }
    }

    private RunMerge() {
    }

    /** Merges {@code shardDirs} into the new folder {@code out}; nothing is written when they do not fit together. */
    public static Result merge(List<Path> shardDirs, Path out, boolean partial) throws IOException {
        return merge(shardDirs, out, partial, () -> { });
    }

    /**
     * The merge, with {@code beforeRename} run when the merged folder is complete but not yet in place (tests
     * interrupt it there). The folder is written under a temporary name beside {@code out} and renamed to it in one
     * step, so a merge that is killed leaves no half-merged folder at {@code out} to block the next attempt (it
     * would be refused as a run, and resuming it would recompute every unit).
     */
    static Result merge(List<Path> shardDirs, Path out, boolean partial, Runnable beforeRename) throws IOException {
        if (shardDirs.isEmpty()) {
            throw new IllegalArgumentException("no shard folders to merge");
        }
        String taken = RunFolder.newFolderProblem(out);
        if (taken != null) {
            throw new IOException(taken);
        }
        ExperimentSpec spec = RunFolder.open(shardDirs.get(0)).spec();
        List<UnitKey> all = StudyRun.unitsOf(spec);
        List<Part> parts = new ArrayList<>();
        for (Path d : shardDirs) {
            parts.add(open(d, all));
        }
        requireSameSpec(parts, spec);
        // Shards sealed before and after spec.json left out other studies' keys are shards of one spec, so a block
        // may carry any of their seals.
        Map<String, Path> blocks = KernelBlockMerger.checkMerge(shardDirs, parts.stream().map(p -> p.manifest.shard())
                .toList(), parts.stream().map(p -> p.manifest.specSha256()).collect(java.util.stream.Collectors
                .toCollection(java.util.LinkedHashSet::new)), spec, partial);
        Map<UnitKey, List<Part>> holders = holders(parts, all);
        List<UnitKey> missing = all.stream().filter(u -> !holders.containsKey(u)).toList();
        List<UnitKey> doubled = all.stream().filter(u -> holders.getOrDefault(u, List.of()).size() > 1).toList();
        if (!doubled.isEmpty() || (!missing.isEmpty() && !partial)) {
            throw new IllegalArgumentException(coverageProblem(missing, doubled, holders, parts, all));
        }

        Map<UnitKey, Integer> order = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            order.put(all.get(i), i);
        }
        Owners owner = new Owners(spec);
        Map<FitKey, FitEntry> fits;
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".merging-");
        try {
            fits = write(parts, spec, owner, order, missing, blocks, tmp);
            beforeRename.run();
            if (Files.isDirectory(out)) {
                Files.delete(out); // empty (checked above): the rename below cannot replace it
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
        return new Result(out, parts.size(), all.size() - missing.size(), all.size(),
                missing.stream().map(UnitKey::describe).toList(), fits);
    }

    private static Map<FitKey, FitEntry> write(List<Part> parts, ExperimentSpec spec, Owners owner,
                                                 Map<UnitKey, Integer> order, List<UnitKey> missing,
                                                 Map<String, Path> blocks, Path out) throws IOException {
        Map<FitKey, FitEntry> fits;
        try (RunFolder merged = RunFolder.create(out, spec)) {
            copy(parts, f -> f.table(ResultRow.SCHEMA), owner::of, order, merged.table(ResultRow.SCHEMA));
            copy(parts, f -> f.table(DynamicsRow.SCHEMA), owner::of, order, merged.table(DynamicsRow.SCHEMA));
            copy(parts, f -> f.table(SpectrumRow.SCHEMA), owner::of, order, merged.table(SpectrumRow.SCHEMA));
            copy(parts, f -> f.table(WidthRow.SCHEMA), owner::of, order, merged.table(WidthRow.SCHEMA));
            copy(parts, f -> f.table(TrainingRow.SCHEMA), TrainingRow::unit, order, merged.table(TrainingRow.SCHEMA));
            copy(parts, f -> f.table(SpikeRow.SCHEMA), SpikeRow::unit, order, merged.table(SpikeRow.SCHEMA));
            copy(parts, f -> f.table(UnitRow.SCHEMA), UnitRow::unit, order, merged.table(UnitRow.SCHEMA));
            for (StoredStudy.StudyTable<?> t : StudyDefinition.of(spec.study()).tables()) {
                copyOwn(parts, t, spec, order, merged);
            }
            for (Part p : parts) {
                copyKernels(p, owner, merged.dir().resolve(RunFolder.KERNELS));
            }
            int kernelBlocks = KernelBlockUnits.blocksOf(parts.get(0).dir);
            if (kernelBlocks > 0) {
                KernelBlockUnits.writeSetting(merged.dir(), kernelBlocks);
                KernelBlockMerger.copy(blocks, merged.dir());
            }
            fits = Fits.refit(merged);
            List<String> from = parts.stream().map(p -> p.describe() + ", " + units(p.finished.size())).toList();
            merged.log("merged " + String.join("; ", from));
            if (!missing.isEmpty()) {
                merged.log("merged without " + units(missing.size()) + ": "
                        + names(missing.stream().map(UnitKey::describe).toList(), missing.size()));
            }
        }
        return fits;
    }

    /** Removes the temporary folder of a merge that did not complete; nothing when it was renamed into place. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Part open(Path dir, List<UnitKey> all) throws IOException {
        RunFolder f = RunFolder.open(dir);
        ExperimentSpec spec = f.spec();
        RunManifest m = f.manifest() != null ? f.manifest() : RunManifest.of(spec, null);
        m.requireSameSpec(spec, dir);
        Set<UnitKey> finished = new HashSet<>();
        for (UnitRow r : f.finishedUnits()) {
            finished.add(r.unit());
        }
        return new Part(dir, f, m, finished, new HashSet<>(ShardPlan.of(all, m.shard())));
    }

    /** Refuses shards of different specs, naming the keys that differ and their values in each. */
    private static void requireSameSpec(List<Part> parts, ExperimentSpec spec) {
        Part first = parts.get(0);
        java.util.function.Predicate<String> unread = RunManifest.unreadBy(spec);
        List<String> problems = new ArrayList<>();
        for (Part p : parts.subList(1, parts.size())) {
            if (p.manifest.specSha256().equals(first.manifest.specSha256())) {
                continue;
            }
            Map<String, com.fasterxml.jackson.databind.JsonNode> a = first.manifest.specFields();
            Map<String, com.fasterxml.jackson.databind.JsonNode> b = p.manifest.specFields();
            TreeSet<String> keys = new TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            List<String> diff = new ArrayList<>();
            for (String k : keys) {
                boolean absent = a.get(k) == null || b.get(k) == null;
                if (absent && unread.test(k)) {
                    continue; // a key spec.json of an earlier version held and the study never read
                }
                if (absent || !RunManifest.same(a.get(k), b.get(k))) {
                    diff.add(k + " is " + a.get(k) + " in " + first.dir + ", " + b.get(k) + " in " + p.dir);
                }
            }
            // No difference left: the seals differ only by keys the study does not read, or by how values are
            // written (60 against 60.0), and the rows are of one spec.
            if (!diff.isEmpty()) {
                problems.add(String.join("; ", diff));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the folders are not shards of one spec: " + String.join("; ", problems)
                    + ". Merge only shards started from the same spec");
        }
    }

    /** Which parts hold each finished unit. */
    private static Map<UnitKey, List<Part>> holders(List<Part> parts, List<UnitKey> all) {
        Set<UnitKey> known = new HashSet<>(all);
        Map<UnitKey, List<Part>> out = new LinkedHashMap<>();
        for (Part p : parts) {
            for (UnitKey u : p.finished) {
                if (!known.contains(u)) {
                    throw new IllegalArgumentException(p.dir + "/units.csv names " + u.describe()
                            + ", which is not a unit of its spec; the folder was changed by hand");
                }
                out.computeIfAbsent(u, k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    private static String coverageProblem(List<UnitKey> missing, List<UnitKey> doubled,
                                          Map<UnitKey, List<Part>> holders, List<Part> parts, List<UnitKey> all) {
        List<String> out = new ArrayList<>();
        if (!doubled.isEmpty()) {
            List<String> named = doubled.stream().limit(NAMED).map(u -> u.describe() + " (in " + String.join(" and ",
                    holders.get(u).stream().map(p -> p.dir.toString()).toList()) + ")").toList();
            out.add(units(doubled.size()) + (doubled.size() == 1 ? " is" : " are") + " in more than one folder: "
                    + names(named, doubled.size()) + ". Give each shard once");
        }
        if (!missing.isEmpty()) {
            List<String> named = missing.stream().limit(NAMED).map(u -> u.describe() + " (" + whyMissing(u, parts, all)
                    + ")").toList();
            out.add(missing.size() + " of " + units(all.size()) + (missing.size() == 1 ? " is" : " are") + " missing: "
                    + names(named, missing.size()) + ". Finish or add those shards, or merge what there is with "
                    + "--partial");
        }
        return "the folders do not hold every unit of the spec exactly once: " + String.join("; ", out);
    }

    /** Where a missing unit should have come from, and what to do about it. */
    private static String whyMissing(UnitKey u, List<Part> parts, List<UnitKey> all) {
        for (Part p : parts) {
            if (p.planned.contains(u)) {
                String writer = RunLock.writer(p.dir);
                return p.describe() + (writer != null ? " is still being written by " + writer
                        : " has not finished it; continue it with run --resume " + p.dir);
            }
        }
        Set<Integer> counts = new TreeSet<>();
        parts.forEach(p -> counts.add(p.manifest.shard() == null ? -1 : p.manifest.shard().count()));
        if (counts.size() == 1 && counts.iterator().next() > 0) {
            int count = counts.iterator().next();
            return "shard " + ShardPlan.assign(all, count)[all.indexOf(u)] + "/" + count + " was not given";
        }
        return "no folder given was to compute it";
    }

    private static String units(int count) {
        return count == 1 ? "1 unit" : count + " units";
    }

    private static String names(List<?> items, int total) {
        List<String> s = items.stream().limit(NAMED).map(Object::toString).toList();
        return String.join("; ", s) + (total > s.size() ? "; and " + (total - s.size()) + " more" : "");
    }

    /** Appends the rows of finished units from every part, ordered by unit as one process writes them. */
    private static <R> void copy(List<Part> parts, Function<RunFolder, CsvTable<R>> table, Function<R, UnitKey> owner,
                                 Map<UnitKey, Integer> order, CsvTable<R> into) throws IOException {
        record Ranked<R>(int rank, R row) {
        }
        List<Ranked<R>> rows = new ArrayList<>();
        for (Part p : parts) {
            for (R r : table.apply(p.folder).read()) {
                UnitKey u = owner.apply(r);
                if (p.finished.contains(u)) {
                    rows.add(new Ranked<>(order.get(u), r));
                }
            }
        }
        // A stable sort: the rows of one unit stay in the order they were written.
        rows.sort(Comparator.comparingInt(Ranked::rank));
        into.append(rows.stream().map(Ranked::row).toList());
    }

    private static <R> void copyOwn(List<Part> parts, StoredStudy.StudyTable<R> t, ExperimentSpec spec,
                                    Map<UnitKey, Integer> order, RunFolder into) throws IOException {
        copy(parts, f -> f.table(t.schema()), r -> t.owner().apply(spec, r), order, into.table(t.schema()));
    }

    private static void copyKernels(Part p, Owners owner, Path into) throws IOException {
        Path from = p.dir.resolve(RunFolder.KERNELS);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = KERNEL_FILE.matcher(f.getFileName().toString());
                if (m.matches() && p.finished.contains(owner.ofKernel(Long.parseLong(m.group(1)),
                        Integer.parseInt(m.group(2))))) {
                    Files.createDirectories(into);
                    Files.copy(f, into.resolve(f.getFileName()));
                }
            }
        }
    }

    /**
     * The unit that wrote each kind of row. Rows carry only the coordinates that vary in their study, so the rest
     * comes from the spec; a richness study writes its kernel learners' rows (no richness) with the unit at the
     * first richness of the grid.
     */
    private record Owners(ExperimentSpec spec) {
        UnitKey of(ResultRow r) {
            return StudyDefinition.of(spec.study()).ownerOf(r, spec);
        }

        UnitKey of(DynamicsRow r) {
            return ofKernel(r.seed(), r.n());
        }

        UnitKey of(SpectrumRow r) {
            return ofKernel(r.seed(), r.n());
        }

        UnitKey of(WidthRow r) {
            return new UnitKey(spec.nGrid()[0], r.width(), r.seed(), Double.NaN);
        }

        UnitKey ofKernel(long seed, int n) {
            return new UnitKey(n, spec.width(), seed, Double.NaN);
        }
    }
}
