package org.ntkexplorer.core.experiment.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;

/**
 * The folder of one run: spec.json as run and run.json sealing it; results.csv, dynamics.csv, spectra.csv,
 * width.csv, training.csv, units.csv and spikes.csv (loss spikes, for the training panel), each read and written
 * through its row schema and appended row by row; fits.json, computed from every row; probe-kernel snapshots
 * under kernels/; checkpoints of networks part-way through training under checkpoints/; and run.log.
 *
 * <p>A folder opened for writing ({@link #create}, {@link #resume}) is locked against other processes until
 * {@link #close}; one opened with {@link #open} takes no lock and writes nothing of its results (a folder in an
 * older layout is brought up to date in place).
 */
public final class RunFolder implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunFolder.class);
    public static final String KERNELS = "kernels";
    /** The file that makes a folder a run folder: the spec it runs. Named here only, for every front end. */
    public static final String SPEC_FILE = "spec.json";

    private final Path dir;
    private final RunLock lock;
    private final RunManifest manifest;
    private final CsvTable<ResultRow> results;
    private final CsvTable<DynamicsRow> dynamics;
    private final CsvTable<SpectrumRow> spectra;
    private final CsvTable<WidthRow> widths;
    private final CsvTable<TrainingRow> training;
    private final CsvTable<UnitRow> units;
    private final CsvTable<SpikeRow> spikes;
    private final Map<String, CsvTable<?>> own = new LinkedHashMap<>();

    private RunFolder(Path dir, RunLock lock, RunManifest manifest) {
        this.dir = dir;
        this.lock = lock;
        this.manifest = manifest;
        java.util.function.Consumer<String> report = lock == null ? LOG::warn : this::warn;
        this.results = new CsvTable<>(dir, ResultRow.SCHEMA, report);
        this.dynamics = new CsvTable<>(dir, DynamicsRow.SCHEMA, report);
        this.spectra = new CsvTable<>(dir, SpectrumRow.SCHEMA, report);
        this.widths = new CsvTable<>(dir, WidthRow.SCHEMA, report);
        this.training = new CsvTable<>(dir, TrainingRow.SCHEMA, report);
        this.units = new CsvTable<>(dir, UnitRow.SCHEMA, report);
        this.spikes = new CsvTable<>(dir, SpikeRow.SCHEMA, report);
        // The common tables answer table(schema) too, so every table of the folder is reached one way.
        for (CsvTable<?> t : tables()) {
            own.put(t.path().getFileName().toString(), t);
        }
    }

    /** A new run: the folder must be new or empty, and is locked for writing. */
    public static RunFolder create(Path dir, ExperimentSpec spec) throws IOException {
        return create(dir, spec, null);
    }

    /**
     * A new run of shard {@code index} of {@code count} (from 0): only the units {@link ShardPlan} deals to it. Its
     * folder is an ordinary run folder that records the shard; {@link org.ntkexplorer.core.experiment.run.RunMerge} joins the shards into one.
     */
    public static RunFolder createShard(Path dir, ExperimentSpec spec, int index, int count) throws IOException {
        return create(dir, spec, new RunManifest.Shard(index, count));
    }

    /** A new run of one shard of a spec (null: the whole run). */
    static RunFolder create(Path dir, ExperimentSpec spec, RunManifest.Shard shard) throws IOException {
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException("the run folder's name is empty");
        }
        String problem = newFolderProblem(dir);
        if (problem != null) {
            throw new IOException(problem);
        }
        Files.createDirectories(dir);
        RunLock lock = RunLock.acquire(dir);
        try {
            RunManifest m = RunManifest.of(spec, shard);
            m.write(dir);
            Files.writeString(dir.resolve(SPEC_FILE), spec.toJson());
            return new RunFolder(dir, lock, m);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Why {@code dir} cannot hold a new run (it is a file, holds a run or other files), or null when it can: asked
     * before anything is computed, so that a front end reports it as the usage error it is.
     */
    public static String newFolderProblem(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return dir + " is a file, not a folder; choose a new folder for the run";
        }
        if (Files.exists(dir.resolve(SPEC_FILE))) {
            return dir + " already holds a run; use --resume to continue it or choose another folder";
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
                    return dir + " is not empty; a run needs a new or empty folder";
                }
            }
        }
        return null;
    }

    /**
     * An existing run, locked to continue it: its spec must be the one it was sealed with, and rows cut short by a
     * crash are removed so their units are computed again.
     */
    public static RunFolder resume(Path dir) throws IOException {
        requireRun(dir);
        RunLock lock = RunLock.acquire(dir);
        try {
            ExperimentSpec spec = readSpec(dir);
            RunManifest m = RunManifest.read(dir);
            if (m == null) {
                // Without the seal nothing says which spec the rows were computed with: sealing spec.json as it is
                // now would let an edited spec mix its rows with the old ones in one fit.
                if (new RunFolder(dir, null, null).hasRows()) {
                    throw new IOException(dir.resolve(RunManifest.FILE) + " is missing, but the folder holds results: "
                            + "run.json seals the spec the rows were computed with, and without it they cannot be "
                            + "told from rows of an edited spec. Start the run again in a new folder");
                }
                m = RunManifest.of(spec, null);
                m.write(dir);
            } else {
                m.requireSameSpec(spec, dir);
            }
            RunFolder f = new RunFolder(dir, lock, m);
            LegacyLayouts.upgrade(f, spec);
            for (CsvTable<?> t : f.tables()) {
                t.repair();
            }
            for (StoredStudy.StudyTable<?> t : StoredStudy.of(spec.study()).tables()) {
                f.table(t.schema()).repair();
            }
            return f;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** An existing run, to read (show again, merge): no lock is taken; an older layout is upgraded in place. */
    public static RunFolder open(Path dir) throws IOException {
        requireRun(dir);
        RunFolder f = new RunFolder(dir, null, RunManifest.read(dir));
        try {
            LegacyLayouts.upgrade(f, f.spec());
        } catch (IOException e) {
            throw new IOException(dir + " is in the layout of an earlier version and could not be upgraded ("
                    + e.getMessage() + "); copy the run folder somewhere writable and open the copy", e);
        }
        return f;
    }

    private static void requireRun(Path dir) throws IOException {
        if (!isRun(dir)) {
            throw new IOException(dir + " is not a run folder (it has no " + SPEC_FILE + ")");
        }
    }

    /** True when {@code dir} holds a run (finished or not): lists of runs offer only these. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(SPEC_FILE));
    }

    /** The spec a run folder runs, read without opening the run (to describe it in a list). */
    public static ExperimentSpec readSpec(Path dir) throws IOException {
        return ExperimentSpec.read(dir.resolve(SPEC_FILE));
    }

    /** True when any table of the folder holds a row. */
    private boolean hasRows() throws IOException {
        for (CsvTable<?> t : tables()) {
            if (!t.read().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private List<CsvTable<?>> tables() {
        return List.of(results, dynamics, spectra, widths, training, units, spikes);
    }

    /** A table of the folder by its row schema: a common one (results.csv, …) or a study's own. */
    @SuppressWarnings("unchecked")
    public synchronized <R> CsvTable<R> table(RowSchema<R> schema) {
        java.util.function.Consumer<String> report = lock == null ? LOG::warn : this::log;
        return (CsvTable<R>) own.computeIfAbsent(schema.file(), f -> new CsvTable<>(dir, schema, report));
    }

    public Path dir() {
        return dir;
    }

    public ExperimentSpec spec() throws IOException {
        return readSpec(dir);
    }

    /** The shard this folder holds, or null for a whole run (or a folder from before shards). */
    public RunManifest.Shard shard() {
        return manifest == null ? null : manifest.shard();
    }

    public RunManifest manifest() {
        return manifest;
    }

    public boolean writable() {
        return lock != null;
    }

    public List<ResultRow> results() throws IOException {
        return results.read();
    }

    public List<UnitRow> finishedUnits() throws IOException {
        return units.read();
    }

    /** A probe kernel as kernels/seed{S}-n{N}-epoch{E}.npy, and the probe's labels beside it (classification). */
    public void saveKernel(long seed, int n, int epoch, NpyArray kernel, int[] labels) {
        try {
            Path dirK = Files.createDirectories(dir.resolve(KERNELS));
            Path k = kernelFile(seed, n, epoch);
            Path tmp = k.resolveSibling(k.getFileName() + ".tmp");
            Npy.write(tmp, kernel);
            Files.move(tmp, k, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (labels != null) {
                Path l = dirK.resolve(labelsName(seed, n));
                Path tmpL = l.resolveSibling(l.getFileName() + ".tmp");
                Npy.write(tmpL, NpyArray.of(labels, labels.length));
                Files.move(tmpL, l, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path kernelFile(long seed, int n, int epoch) {
        return dir.resolve(KERNELS).resolve(String.format(Locale.ROOT, "seed%d-n%d-epoch%03d.npy", seed, n, epoch));
    }

    public Path labelsFile(long seed, int n) {
        return dir.resolve(KERNELS).resolve(labelsName(seed, n));
    }

    private static String labelsName(long seed, int n) {
        return String.format(Locale.ROOT, "seed%d-n%d-labels.npy", seed, n);
    }

    public Path checkpointFile(String name) {
        return Checkpoint.file(dir, name);
    }

    public void deleteCheckpoint(String name) {
        try {
            Files.deleteIfExists(checkpointFile(name));
        } catch (IOException e) {
            log("could not delete checkpoint " + name + ": " + e.getMessage());
        }
    }

    /** Replaces fits.json atomically. */
    public void writeFits(Map<FitKey, FitEntry> fits) throws IOException {
        FitsFile.write(dir.resolve("fits.json"), fits);
    }

    /** fits.json as written, keys in file order. */
    public Map<FitKey, FitEntry> fits() throws IOException {
        return FitsFile.read(dir.resolve("fits.json"));
    }

    /**
     * A fault found in the folder and what is done about it (a repeated row dropped, a checkpoint not used): in
     * run.log, and on the terminal too, where it would otherwise go unseen.
     */
    public void warn(String line) {
        log(line);
        if (lock != null) {
            LOG.warn("{}: {}", dir, line);
        }
    }

    public void log(String line) {
        if (lock == null) {
            LOG.info("{}: {}", dir, line);
            return;
        }
        try {
            Files.writeString(dir.resolve("run.log"), Instant.now() + " " + line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("could not write run.log in {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
        }
    }
}
