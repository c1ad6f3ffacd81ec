package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.ShardPlan;
import org.ntkexplorer.core.experiment.store.UnitRow;


/**
 * The units a spec's run consists of, in the order one process computes them, and how many of them a run folder
 * holds finished: what a window needs to say how far a run got and how long the rest will take.
 */
public final class RunPlan {
    /** How far a saved run got: units finished whole out of the spec's units. */
    public record Completion(int finished, int total) {
        public boolean complete() {
            return finished >= total;
        }

        /** "finished (8 of 8 units)" or "stopped after 3 of 8 units". */
        public String describe() {
            return complete() ? "finished (" + total + " of " + total + " units)"
                    : "stopped after " + finished + " of " + total + " units";
        }
    }

    private RunPlan() {
    }

    /** Every unit of the spec; nothing is read or computed. */
    public static List<UnitKey> units(ExperimentSpec spec) {
        return StudyRun.unitsOf(spec);
    }

    /** How many of its units (a shard's own, in a shard folder) the folder marks finished in units.csv. */
    public static Completion completion(RunFolder folder) throws IOException {
        List<UnitKey> plan = ShardPlan.of(units(folder.spec()), folder.shard());
        Set<UnitKey> finished = new HashSet<>();
        for (UnitRow r : folder.finishedUnits()) {
            finished.add(r.unit());
        }
        int done = 0;
        for (UnitKey u : plan) {
            if (finished.contains(u)) {
                done++;
            }
        }
        return new Completion(done, plan.size());
    }
}
