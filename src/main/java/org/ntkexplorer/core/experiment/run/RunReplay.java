package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.NpyFile;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.DynamicsRow;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.KernelPicture;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.SpectrumRow;
import org.ntkexplorer.core.experiment.store.SpikeRow;
import org.ntkexplorer.core.experiment.store.StoredStudy;
import org.ntkexplorer.core.experiment.store.TrainingRow;
import org.ntkexplorer.core.experiment.store.WidthRow;

/**
 * A saved run as the events a live run sent, so the window can show it again: training curves and loss spikes,
 * scaling points and fits, kernel snapshots (metrics, the stored top of each spectrum, and the last kernel itself
 * where it was saved), the infinite NTK's spectrum, and width-sweep points and fits. Reads the folder through the
 * same tables as a resume.
 */
public final class RunReplay {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunReplay.class);
    private final RunFolder folder;

    RunReplay(RunFolder folder) {
        this.folder = folder;
    }

    /** The run's finished results as events, so a saved run can be shown again. */
    public static List<ExperimentEvent> of(RunFolder folder) throws IOException {
        return new RunReplay(folder).events();
    }

    private List<ExperimentEvent> events() throws IOException {
        List<ExperimentEvent> out = new ArrayList<>();
        for (TrainingRow t : folder.table(TrainingRow.SCHEMA).read()) {
            out.add(new ExperimentEvent.EpochDone(t.unit(), t.epoch(), t.step(), -1, t.trainLoss(), t.trainError(),
                    t.testLoss(), t.testError()));
        }
        for (SpikeRow s : folder.table(SpikeRow.SCHEMA).read()) {
            out.add(ExperimentEvent.LossSpike.of(s));
        }
        for (ResultRow r : folder.table(ResultRow.SCHEMA).read()) {
            out.add(new ExperimentEvent.ScalingPointDone(r));
        }
        Map<FitKey, FitEntry> fits = folder.fits();
        for (Map.Entry<FitKey, FitEntry> f : fits.entrySet()) {
            if (f.getKey() instanceof FitKey.OfLearner l) {
                out.add(new ExperimentEvent.FitUpdated(l, f.getValue()));
            }
        }
        out.addAll(ExperimentEvent.ClaimChecked.all(StudyDefinition.of(folder.spec().study()).claim(),
                folder.table(ResultRow.SCHEMA).read()));
        Map<String, double[]> spectra = spectra();
        double[] infinite = null;
        for (Map.Entry<String, double[]> s : spectra.entrySet()) {
            if (s.getKey().endsWith("|" + SpectrumRow.INFINITE_NTK)) {
                infinite = s.getValue();
            }
        }
        if (infinite != null) {
            out.add(new ExperimentEvent.ReferenceSpectrum("infinite NTK", infinite));
        }
        List<DynamicsRow> dynamics = folder.table(DynamicsRow.SCHEMA).read();
        for (int i = 0; i < dynamics.size(); i++) {
            DynamicsRow r = dynamics.get(i);
            double[] eig = spectra.getOrDefault(key(r.seed(), r.n(), r.epoch(), SpectrumRow.EMPIRICAL), new double[0]);
            // The heatmap shows each network's latest kernel, so only the last snapshot of each is read back.
            boolean lastOfNetwork = i == dynamics.size() - 1 || dynamics.get(i + 1).seed() != r.seed()
                    || dynamics.get(i + 1).n() != r.n();
            KernelPicture picture = lastOfNetwork ? picture(r.seed(), r.n(), r.epoch()) : null;
            out.add(new ExperimentEvent.KernelSnapshot(r.seed(), r.n(), r.epoch(), r.step(), eig, r.effectiveRank(),
                    r.spectrumSlope(), r.distanceToInit(), r.velocity(), r.ckaPrevious(), r.targetAlignment(),
                    r.regressionTestError(), picture));
        }
        for (WidthRow w : folder.table(WidthRow.SCHEMA).read()) {
            out.add(new ExperimentEvent.WidthPointDone(w));
        }
        ExperimentSpec spec = folder.spec();
        for (StoredStudy.StudyTable<?> t : StudyDefinition.of(spec.study()).tables()) {
            for (Object row : folder.table(t.schema()).read()) {
                out.add(new ExperimentEvent.RowDone(spec.study(), row));
            }
        }
        out.addAll(StudyDefinition.of(spec.study()).verdicts(folder, false));
        // After the points, as in a live run.
        for (Map.Entry<FitKey, FitEntry> f : fits.entrySet()) {
            if (f.getKey() instanceof FitKey.OfWidth w) {
                out.add(new ExperimentEvent.WidthFitUpdated(w.measure(), f.getValue().fit()));
            }
        }
        return out;
    }

    private static String key(long seed, int n, int epoch, String kernel) {
        return seed + "|" + n + "|" + epoch + "|" + kernel;
    }

    /** spectra.csv grouped by snapshot, eigenvalues in stored order; a spectrum written again replaces the first. */
    private Map<String, double[]> spectra() throws IOException {
        Map<String, List<Double>> grouped = new LinkedHashMap<>();
        for (SpectrumRow r : folder.table(SpectrumRow.SCHEMA).read()) {
            String k = key(r.seed(), r.n(), r.epoch(), r.kernel());
            if (r.index() == 1) {
                grouped.put(k, new ArrayList<>());
            }
            grouped.computeIfAbsent(k, x -> new ArrayList<>()).add(r.eigenvalue());
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        grouped.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** The saved probe kernel of a snapshot as a picture; null when it was not saved or cannot be read. */
    private KernelPicture picture(long seed, int n, int epoch) {
        Path k = folder.kernelFile(seed, n, epoch);
        if (!Files.isRegularFile(k)) {
            return null;
        }
        try {
            NpyFile file = Npy.open(k);
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
        Path l = folder.labelsFile(seed, n);
        try {
            int[] labels = Files.isRegularFile(l) ? Npy.read(l).toInts() : null;
            return labels == null || labels.length < count ? null : java.util.Arrays.copyOf(labels, count);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignored {}: {}", l, e.getMessage());
            return null;
        }
    }
}
