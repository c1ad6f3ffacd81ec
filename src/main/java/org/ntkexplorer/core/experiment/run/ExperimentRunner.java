package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ntkexplorer.core.compute.CancelledException;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.ShardPlan;
import org.ntkexplorer.core.experiment.store.UnitRow;
import org.ntkexplorer.core.experiment.store.DynamicsRow;
import org.ntkexplorer.core.experiment.store.SpectrumRow;
import org.ntkexplorer.core.experiment.store.SpikeRow;
import org.ntkexplorer.core.experiment.store.TrainingRow;

/**
 * Runs an {@link ExperimentSpec} into a {@link RunFolder}, reporting {@link ExperimentEvent}s. A run is a list of
 * units (one network with its kernels each; see {@link StudyRun}), computed one after another; each unit's rows are
 * written as they finish and units.csv marks it whole. A resumed run skips finished units, drops what an unfinished
 * one wrote after its last checkpoint, and continues from there, so it writes the rows an uninterrupted run would
 * have. Everything runs on the calling thread, which must be the compute thread.
 */
public final class ExperimentRunner {
    private final ExperimentSpec spec;
    private final RunFolder folder;
    private final ExperimentListener listener;
    private final TaskMonitor monitor;

    public ExperimentRunner(ExperimentSpec spec, RunFolder folder, ExperimentListener listener, TaskMonitor monitor) {
        this.spec = spec;
        this.folder = folder;
        this.listener = listener;
        this.monitor = monitor;
    }

    /** Runs to the end, or until cancelled or failed; either way reports one final event and never throws. */
    public void run() {
        long start = System.nanoTime();
        try {
            folder.log("start " + spec.study().id() + (folder.shard() == null ? "" : ", shard "
                    + folder.shard().describe()) + "; training: " + spec.budget().describe());
            DatasetSource source = DatasetRegistry.open(spec.dataset());
            Preflight.check(spec, source);
            RunContext ctx = new RunContext(spec, folder, listener, monitor, source);
            StudyRun study = StudyRun.of(ctx);
            List<UnitKey> mine = ShardPlan.of(study.units(), folder.shard());
            Set<UnitKey> finished = finishedUnits(study);
            Map<UnitKey, Checkpoint> checkpoints = new HashMap<>();
            for (UnitKey u : mine) {
                if (finished.contains(u)) {
                    folder.deleteCheckpoint(study.checkpointName(u));
                } else {
                    Checkpoint cp = Checkpoint.read(folder.checkpointFile(study.checkpointName(u)), folder::warn);
                    if (cp != null) {
                        checkpoints.put(u, cp);
                    }
                    dropUnsaved(u, study, cp);
                }
            }
            ctx.setUnits(mine.stream().filter(finished::contains).count(), mine.size());
            ctx.refit();
            for (UnitKey u : mine) {
                if (finished.contains(u)) {
                    continue;
                }
                monitor.checkCancelled();
                long t0 = System.nanoTime();
                ctx.progress(0, u.describe());
                study.run(u, checkpoints.remove(u));
                double unitSeconds = (System.nanoTime() - t0) / 1e9;
                folder.table(UnitRow.SCHEMA).append(new UnitRow(u, unitSeconds));
                listener.onEvent(new ExperimentEvent.UnitFinished(u, unitSeconds));
                folder.deleteCheckpoint(study.checkpointName(u));
                releaseMemory();
                ctx.unitDone();
                ctx.progress(0, u.describe() + " done");
            }
            if (ctx.kernelBlocks > 0) {
                new RunKernelBlocks(ctx).run();
            }
            study.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            folder.log(String.format("finished in %.1f s", seconds));
            listener.onEvent(new ExperimentEvent.Finished(folder.dir(), seconds));
        } catch (CancelledException e) {
            folder.log("cancelled");
            listener.onEvent(new ExperimentEvent.Failed("cancelled; finished results are kept in " + folder.dir(), true));
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            folder.log("failed: " + reason);
            listener.onEvent(new ExperimentEvent.Failed(reason, false));
        }
    }

    /**
     * The units that units.csv marks finished and whose rows are all in the folder. A marked unit with rows missing
     * (a file emptied or cut after the run) loses its mark and is computed again.
     */
    private Set<UnitKey> finishedUnits(StudyRun study) throws IOException {
        Set<UnitKey> marked = new HashSet<>();
        for (UnitRow r : folder.table(UnitRow.SCHEMA).read()) {
            marked.add(r.unit());
        }
        Set<UnitKey> whole = new HashSet<>();
        for (UnitKey u : marked) {
            if (study.holdsAllOf(u)) {
                whole.add(u);
            } else {
                folder.log(u.describe() + " was marked finished but some of its rows are missing; it is computed again");
            }
        }
        if (whole.size() != marked.size()) {
            folder.table(UnitRow.SCHEMA).retain(r -> whole.contains(r.unit()));
        }
        return whole;
    }

    /**
     * Drops the rows an unfinished unit wrote after its last checkpoint (all of its training-time rows when it has
     * none), so that continuing writes each of them once. A unit whose network already has its results row keeps
     * everything: only its kernels or its completion mark were missing.
     */
    private void dropUnsaved(UnitKey u, StudyRun study, Checkpoint cp) throws IOException {
        // A network can finish after its last checkpoint; its rows from then on are final, not to be redone.
        long kept = study.networkDone(u) ? Long.MAX_VALUE : cp != null ? cp.position().step() : -1;
        folder.table(TrainingRow.SCHEMA).retain(r -> !r.unit().equals(u) || r.step() <= kept);
        folder.table(SpikeRow.SCHEMA).retain(r -> !r.unit().equals(u) || r.step() <= kept);
        folder.table(DynamicsRow.SCHEMA).retain(r -> !r.sameUnit(u) || (kept >= 0 && r.step() <= kept));
        folder.table(SpectrumRow.SCHEMA).retain(r -> !r.sameUnit(u) || (kept >= 0 && r.step() <= kept));
    }

    /**
     * Frees what finished networks still hold off-heap: DL4J keeps a thread's workspaces until they are
     * destroyed, and ND4J frees other buffers only once the collector runs. Without this a sweep over many
     * widths grew until the operating system killed it.
     */
    private static void releaseMemory() {
        org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
    }

    /** The fits of every row in the folder, as fits.json holds them. */
    public Map<FitKey, FitEntry> fits() {
        try {
            return folder.fits();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
