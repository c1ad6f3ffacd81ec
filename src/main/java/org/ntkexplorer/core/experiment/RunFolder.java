package org.ntkexplorer.core.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

/**
 * The folder of one run: spec.json as run; results.csv, dynamics.csv, spectra.csv and width.csv appended row by
 * row (so a cancelled or crashed run keeps what it finished); fits.json rewritten after each fit; probe-kernel
 * snapshots as kernels/*.npy when the spec asks for them; and run.log.
 */
public final class RunFolder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunFolder.class);
    static final String RESULTS_HEADER = "learner,n,seed,test_error,test_mse,train_loss,seconds";
    static final String DYNAMICS_HEADER = "seed,n,epoch,train_loss,test_error,distance_to_init,velocity,cka_previous,"
            + "kernel_target_alignment,effective_rank,spectrum_slope,regression_test_error";
    private static final String OLD_DYNAMICS_HEADER = "seed,epoch,train_loss,test_error,distance_to_init,velocity,"
            + "cka_previous,kernel_target_alignment,effective_rank,spectrum_slope,regression_test_error";
    static final String SPECTRA_HEADER = "seed,n,epoch,kernel,index,eigenvalue";
    static final String KERNELS = "kernels";
    /** spectra.csv's name for the infinite-width NTK's spectrum on the same probe set (its epoch is empty). */
    static final String INFINITE_NTK = "infinite-ntk";
    static final String WIDTH_HEADER = "width,seed,distance_to_infinite,kernel_movement,test_error,test_mse";

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** A new run: the folder must not already hold a run. */
    public static RunFolder create(Path dir, ExperimentSpec spec) throws IOException {
        if (Files.exists(dir.resolve("spec.json"))) {
            throw new IOException(dir + " already holds a run; use --resume to continue it or choose another folder");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("spec.json"), spec.toJson());
        return new RunFolder(dir);
    }

    /** An existing run, to continue or to show again. */
    public static RunFolder open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("spec.json"))) {
            throw new IOException(dir + " is not a run folder (it has no spec.json)");
        }
        RunFolder folder = new RunFolder(dir);
        folder.upgradeDynamics();
        return folder;
    }

    /**
     * Runs written before dynamics.csv had its n column (they were all dynamics studies, whose n is the first of
     * the grid) are rewritten in the current layout, so that reading and resuming need only one.
     */
    private void upgradeDynamics() throws IOException {
        Path p = dir.resolve("dynamics.csv");
        if (!Files.exists(p)) {
            return;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(OLD_DYNAMICS_HEADER)) {
            return;
        }
        int n = spec().nGrid()[0];
        List<String> out = new ArrayList<>();
        out.add(DYNAMICS_HEADER);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                int comma = line.indexOf(',');
                out.add(line.substring(0, comma) + "," + n + line.substring(comma));
            }
        }
        try {
            replace(p, out);
        } catch (IOException e) {
            throw new IOException(p + " is in the layout of an earlier version and could not be upgraded ("
                    + e.getMessage() + "); copy the run folder somewhere writable and open the copy", e);
        }
        LOG.info("upgraded {} to the layout with an n column", p);
    }

    private static void replace(Path p, List<String> lines) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public Path dir() {
        return dir;
    }

    public ExperimentSpec spec() throws IOException {
        return ExperimentSpec.read(dir.resolve("spec.json"));
    }

    void appendResult(ExperimentEvent.ScalingPointDone p) {
        append("results.csv", RESULTS_HEADER, String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%.3f", p.learner().id(),
                p.n(), p.seed(), num(p.testError()), num(p.testMse()), num(p.trainLoss()), p.seconds()));
    }

    void appendDynamics(ExperimentEvent.KernelSnapshot s, double trainLoss, double testError) {
        append("dynamics.csv", DYNAMICS_HEADER, String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s",
                s.seed(), s.n(), s.epoch(), num(trainLoss), num(testError), num(s.distanceToInit()),
                num(s.velocity()), num(s.ckaToPrevious()), num(s.targetAlignment()), num(s.effectiveRank()),
                num(s.spectrumSlope()), num(s.regressionTestError())));
    }

    /** The eigenvalues of a probe kernel, one row each; {@code epoch} < 0 for a kernel without one. */
    void appendSpectrum(long seed, int n, int epoch, String kernel, double[] eigenvalues) {
        StringBuilder rows = new StringBuilder();
        String prefix = seed + "," + n + "," + (epoch < 0 ? "" : Integer.toString(epoch)) + "," + kernel + ",";
        for (int i = 0; i < eigenvalues.length; i++) {
            rows.append(i == 0 ? "" : System.lineSeparator()).append(prefix).append(i + 1).append(',')
                    .append(num(eigenvalues[i]));
        }
        if (eigenvalues.length > 0) {
            append("spectra.csv", SPECTRA_HEADER, rows.toString());
        }
    }

    /** A probe kernel as kernels/seed{S}-n{N}-epoch{E}.npy, and the probe's labels beside it (classification). */
    void saveKernel(long seed, int n, int epoch, NpyArray kernel, int[] labels) {
        try {
            Path dirK = Files.createDirectories(dir.resolve(KERNELS));
            Npy.write(dirK.resolve(String.format(Locale.ROOT, "seed%d-n%d-epoch%03d.npy", seed, n, epoch)), kernel);
            if (labels != null) {
                // Rewritten with each kernel (it is small) and moved into place, so a crash cannot leave it cut short.
                Path tmp = dirK.resolve(labelsName(seed, n) + ".tmp");
                Npy.write(tmp, NpyArray.of(labels, labels.length));
                Files.move(tmp, dirK.resolve(labelsName(seed, n)), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String labelsName(long seed, int n) {
        return String.format(Locale.ROOT, "seed%d-n%d-labels.npy", seed, n);
    }

    void appendWidth(ExperimentEvent.WidthPointDone w) {
        append("width.csv", WIDTH_HEADER, String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s", w.width(), w.seed(),
                num(w.distanceToInfinite()), num(w.kernelMovement()), num(w.testError()), num(w.testMse())));
    }

    void writeFits(Map<String, PowerLawFitResult> fits) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, PowerLawFitResult> e : fits.entrySet()) {
            PowerLawFitResult f = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alpha", f.alpha());
            m.put("a", f.a());
            m.put("rSquared", f.rSquared());
            m.put("ciLow", f.ciLow());
            m.put("ciHigh", f.ciHigh());
            m.put("level", f.level());
            m.put("pointsUsed", f.pointsUsed());
            out.put(e.getKey(), m);
        }
        try {
            Path tmp = dir.resolve("fits.json.tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), out);
            Files.move(tmp, dir.resolve("fits.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void log(String line) {
        append("run.log", null, Instant.now() + " " + line);
    }

    /** Rows of a CSV file without its header; empty when the file does not exist. */
    public List<String[]> rows(String file) throws IOException {
        Path p = dir.resolve(file);
        List<String[]> out = new ArrayList<>();
        if (!Files.exists(p)) {
            return out;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(lines.get(i).split(",", -1));
            }
        }
        return out;
    }

    /**
     * The run's finished results as events, so a saved run can be shown again: scaling points, fits, kernel
     * snapshots (metrics, the stored top of each spectrum, and the kernel itself where it was saved), the
     * infinite NTK's spectrum, and width-sweep points.
     */
    public List<ExperimentEvent> replay() throws IOException {
        List<ExperimentEvent> out = new ArrayList<>();
        List<ExperimentEvent> widthFits = new ArrayList<>();
        for (String[] r : rows("results.csv")) {
            out.add(new ExperimentEvent.ScalingPointDone(Learner.fromId(r[0]), Integer.parseInt(r[1]),
                    Long.parseLong(r[2]), d(r[3]), d(r[4]), d(r[5]), d(r[6])));
        }
        Path fits = dir.resolve("fits.json");
        if (Files.exists(fits)) {
            com.fasterxml.jackson.databind.JsonNode root = new ObjectMapper().readTree(fits.toFile());
            for (java.util.Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                com.fasterxml.jackson.databind.JsonNode f = root.get(key);
                String[] parts = key.split("/", 2);
                PowerLawFitResult fit = new PowerLawFitResult(f.get("alpha").asDouble(), f.get("a").asDouble(),
                        f.get("rSquared").asDouble(), f.get("ciLow").asDouble(), f.get("ciHigh").asDouble(),
                        f.get("level").asDouble(), Double.NaN, Double.NaN, Double.NaN, f.get("pointsUsed").asInt());
                if (key.startsWith(WidthMeasure.FIT_PREFIX)) {
                    widthFits.add(new ExperimentEvent.WidthFitUpdated(WidthMeasure.fromId(parts[1]), fit));
                } else {
                    out.add(new ExperimentEvent.FitUpdated(Learner.fromId(parts[0]), parts[1], fit));
                }
            }
        }
        Map<String, double[]> spectra = spectra();
        String lastInfinite = null;
        for (String key : spectra.keySet()) {
            if (key.endsWith("|" + INFINITE_NTK)) {
                lastInfinite = key;
            }
        }
        if (lastInfinite != null) {
            out.add(new ExperimentEvent.ReferenceSpectrum("infinite NTK", spectra.get(lastInfinite)));
        }
        List<String[]> dynamics = rows("dynamics.csv");
        for (int i = 0; i < dynamics.size(); i++) {
            String[] r = dynamics.get(i);
            long seed = Long.parseLong(r[0]);
            int n = Integer.parseInt(r[1]);
            int epoch = Integer.parseInt(r[2]);
            double[] eig = spectra.getOrDefault(seed + "|" + n + "|" + epoch + "|entk", new double[0]);
            // The heatmap shows the latest kernel only, so only that one is read back.
            KernelPicture picture = i == dynamics.size() - 1 ? picture(seed, n, epoch) : null;
            out.add(new ExperimentEvent.KernelSnapshot(seed, n, epoch, eig, d(r[9]), d(r[10]), d(r[5]), d(r[6]),
                    d(r[7]), d(r[8]), d(r[11]), picture));
            // A snapshot before training has no training figures to show.
            if (!Double.isNaN(d(r[3]))) {
                out.add(new ExperimentEvent.EpochDone(n, seed, epoch, 0, d(r[3]), Double.NaN, Double.NaN, d(r[4])));
            }
        }
        for (String[] r : rows("width.csv")) {
            out.add(new ExperimentEvent.WidthPointDone(Integer.parseInt(r[0]), Long.parseLong(r[1]), d(r[2]), d(r[3]),
                    d(r[4]), d(r[5])));
        }
        // After the points, as in a live run.
        out.addAll(widthFits);
        return out;
    }

    /** spectra.csv as "seed|n|epoch|kernel" → eigenvalues in stored order. */
    private Map<String, double[]> spectra() throws IOException {
        Map<String, List<Double>> grouped = new LinkedHashMap<>();
        for (String[] r : rows("spectra.csv")) {
            String key = r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3];
            if (r[4].equals("1")) {
                // A spectrum written again for the same snapshot replaces the earlier one.
                grouped.put(key, new ArrayList<>());
            }
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(d(r[5]));
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        grouped.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** The saved probe kernel of a snapshot as a picture; null when it was not saved or cannot be read. */
    private KernelPicture picture(long seed, int n, int epoch) {
        Path k = dir.resolve(KERNELS).resolve(String.format(Locale.ROOT, "seed%d-n%d-epoch%03d.npy", seed, n, epoch));
        if (!Files.isRegularFile(k)) {
            return null;
        }
        try {
            org.ntkexplorer.core.io.NpyFile file = Npy.open(k);
            long[] shape = file.shape();
            if (shape.length != 2 || shape[0] != shape[1]) {
                LOG.warn("ignored {}: not a square kernel", k);
                return null;
            }
            // Only the corner the picture shows is read.
            int shown = (int) Math.min(shape[0], KernelPicture.MAX_SIZE);
            NpyArray rows = file.readRows(0, shown);
            double[] corner = new double[shown * shown];
            for (int r = 0; r < shown; r++) {
                for (int c = 0; c < shown; c++) {
                    corner[r * shown + c] = rows.getDouble((long) r * shape[1] + c);
                }
            }
            return KernelPicture.of(corner, shown, probeLabels(seed, n, shown));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignored {}: {}", k, e.getMessage());
            return null;
        }
    }

    /** The first {@code count} probe labels, or null (pictures are then unordered) when they cannot be read. */
    private int[] probeLabels(long seed, int n, int count) {
        Path l = dir.resolve(KERNELS).resolve(labelsName(seed, n));
        try {
            int[] labels = Files.isRegularFile(l) ? Npy.read(l).toInts() : null;
            return labels == null || labels.length < count ? null : java.util.Arrays.copyOf(labels, count);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignored {}: {}", l, e.getMessage());
            return null;
        }
    }

    private static double d(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** Drops the rows of a CSV file for which {@code keep} is false (used to redo an unfinished unit on resume). */
    void retain(String file, java.util.function.Predicate<String[]> keep) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        kept.add(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && keep.test(lines.get(i).split(",", -1))) {
                kept.add(lines.get(i));
            }
        }
        replace(p, kept);
    }

    private synchronized void append(String file, String header, String line) {
        Path p = dir.resolve(file);
        try {
            boolean fresh = !Files.exists(p);
            try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                if (fresh && header != null) {
                    w.write(header);
                    w.newLine();
                }
                w.write(line);
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
