package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * A row of lazy-flow.csv, the richness study's own table: the test figures of the eNTK's gradient flow (the
 * linearised network, docs/science.md §Richness) stopped after the same steps as the network trained at the grid's
 * largest α, for one size and seed. The lazy end's verdict compares the network with these, not with ridgeless
 * regression, which is the flow's end point and not where a network that stops at its stopping rule gets to.
 *
 * @param steps    the network's steps, the flow's budget
 * @param flowTime η·Σ multipliers·(1/(1 − β) with momentum β)·2/(nC): the flow's time on the per-logit eNTK
 */
public record FlowRow(int n, long seed, double richness, long steps, double flowTime, double testError,
                      double testMse) {

    private static final Column<FlowRow> N = Column.whole("n", FlowRow::n);
    private static final Column<FlowRow> SEED = Column.whole("seed", FlowRow::seed);
    private static final Column<FlowRow> RICHNESS = Column.number("richness", FlowRow::richness);
    private static final Column<FlowRow> STEPS = Column.whole("steps", FlowRow::steps);
    private static final Column<FlowRow> FLOW_TIME = Column.number("flow_time", FlowRow::flowTime);
    private static final Column<FlowRow> TEST_ERROR = Column.number("test_error", FlowRow::testError);
    private static final Column<FlowRow> TEST_MSE = Column.number("test_mse", FlowRow::testMse);

    /** Keyed by (n, seed, α): one flow per network. */
    public static final RowSchema<FlowRow> SCHEMA = RowSchema.of("lazy-flow.csv", List.of(N, SEED, RICHNESS, STEPS,
            FLOW_TIME, TEST_ERROR, TEST_MSE), c -> new FlowRow(c.integer(N), c.whole(SEED), c.number(RICHNESS),
                    c.whole(STEPS), c.number(FLOW_TIME), c.number(TEST_ERROR), c.number(TEST_MSE)),
            r -> List.of(r.n(), r.seed(), r.richness()));

    /** The study's table: rows belong to the unit of their size, seed and α. */
    public static StoredStudy.StudyTable<FlowRow> table() {
        return new StoredStudy.StudyTable<>(SCHEMA, (spec, r) -> new UnitKey(r.n(), spec.width(), r.seed(),
                r.richness()));
    }
}
