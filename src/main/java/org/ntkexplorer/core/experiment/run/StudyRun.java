package org.ntkexplorer.core.experiment.run;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;

/**
 * One study of a run, as {@link ExperimentRunner} drives it: the units it consists of, and how to compute one. Rows
 * of a unit that an interrupted run finished are already in the folder when the unit runs again, and the unit skips
 * them; a network cut off part-way continues from its checkpoint.
 */
public interface StudyRun {

    /** Every unit of the spec, in the order one process runs them. */
    List<UnitKey> units();

    /** Computes what the folder does not yet hold of one unit. */
    void run(UnitKey unit, Checkpoint resume);

    /**
     * Whether the folder holds every row of a unit that units.csv marks finished; false when a file was emptied or
     * cut after the fact, and the unit is then computed again.
     */
    boolean holdsAllOf(UnitKey unit) throws java.io.IOException;

    /**
     * Whether the unit's network has its final row in the folder: then every training-time row it wrote is final,
     * whatever its checkpoint says, and only its kernels or completion mark can be missing.
     */
    default boolean networkDone(UnitKey unit) throws java.io.IOException {
        return holdsAllOf(unit);
    }

    /** The name of the unit's network checkpoint in the folder. */
    default String checkpointName(UnitKey unit) {
        return unit.id();
    }

    /** Called once every unit of this process is finished. */
    default void finish() {
    }

    /** The units of a spec, as {@link #units()} lists them, without opening its data (a merge of shards needs them). */
    static List<UnitKey> unitsOf(ExperimentSpec spec) {
        return StudyDefinition.of(spec.study()).units(spec);
    }

    static StudyRun of(RunContext ctx) {
        return StudyDefinition.of(ctx.spec.study()).run(ctx);
    }
}
