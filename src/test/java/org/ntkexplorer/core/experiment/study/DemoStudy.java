package org.ntkexplorer.core.experiment.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.NetworkUnit;
import org.ntkexplorer.core.experiment.run.PreparedSplit;
import org.ntkexplorer.core.experiment.run.RunContext;
import org.ntkexplorer.core.experiment.run.RunFootprint;
import org.ntkexplorer.core.experiment.run.StudyDefinition;
import org.ntkexplorer.core.experiment.run.StudyRun;
import org.ntkexplorer.core.experiment.run.TrainingLoop;
import org.ntkexplorer.core.experiment.run.TrainingOutcome;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.Checkpoint;

/**
 * A study kept in the tests to show what a new study takes: this definition, its row type ({@link DemoRow}), its
 * view (DemoStudyView in the ui tests) and a preset (demo-study.json). "seed-spread": one network per seed at the
 * first n of the grid, trained under the spec, and its test figures, to see how much the seed alone moves them.
 */
public final class DemoStudy implements StudyDefinition {
    public static final Study SEED_SPREAD = Study.named("seed-spread");

    @Override
    public Study study() {
        return SEED_SPREAD;
    }

    @Override
    public List<UnitKey> units(ExperimentSpec spec) {
        List<UnitKey> out = new ArrayList<>();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            out.add(unit(spec, seed));
        }
        return out;
    }

    private static UnitKey unit(ExperimentSpec spec, long seed) {
        return new UnitKey(spec.nGrid()[0], spec.width(), seed, Double.NaN);
    }

    /** One trained network at a time, as in a dynamics study without its probe kernels. */
    @Override
    public RunFootprint footprint(ExperimentSpec spec, RunFootprint.Shape data) {
        return RunFootprint.dynamics(spec, data);
    }

    @Override
    public List<StudyTable<?>> tables() {
        return List.of(new StudyTable<>(DemoRow.SCHEMA, (spec, r) -> unit(spec, r.seed())));
    }

    @Override
    public StudyRun run(RunContext ctx) {
        return new StudyRun() {
            @Override
            public List<UnitKey> units() {
                return DemoStudy.this.units(ctx.spec);
            }

            @Override
            public boolean holdsAllOf(UnitKey u) throws IOException {
                return ctx.folder.table(DemoRow.SCHEMA).read().stream().anyMatch(r -> r.seed() == u.seed());
            }

            @Override
            public void run(UnitKey u, Checkpoint resume) {
                try {
                    if (holdsAllOf(u)) {
                        return;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                PreparedSplit[] split = ctx.split(u.n(), u.seed());
                NetworkUnit unit = new NetworkUnit(u, ctx.network(u.width(), split[0], u.seed(),
                        ctx.spec.transform()), split[0], split[1]);
                TrainingOutcome out = new TrainingLoop(ctx).train(unit, checkpointName(u), resume,
                        new TrainingLoop.Hooks() {
                        }, new double[] {0, 1});
                DemoRow row = new DemoRow(u.seed(), out.test().error(), out.test().mse(), out.steps());
                ctx.folder.table(DemoRow.SCHEMA).append(row);
                ctx.emit(new ExperimentEvent.RowDone(SEED_SPREAD, row));
            }
        };
    }
}
