package org.ntkexplorer.core.experiment;

import java.util.List;

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

    static final RowSchema<FlowRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "lazy-flow.csv";
        }

        @Override
        public Object key(FlowRow r) {
            return List.of(r.n(), r.seed(), r.richness());
        }

        @Override
        public List<String> columns() {
            return List.of("n", "seed", "richness", "steps", "flow_time", "test_error", "test_mse");
        }

        @Override
        public String[] cells(FlowRow r) {
            return new String[] {Integer.toString(r.n), Long.toString(r.seed), RowSchema.num(r.richness),
                    Long.toString(r.steps), RowSchema.num(r.flowTime), RowSchema.num(r.testError),
                    RowSchema.num(r.testMse)};
        }

        @Override
        public FlowRow parse(Cells c) {
            return new FlowRow(c.integer("n"), c.whole("seed"), c.number("richness"), c.whole("steps"),
                    c.number("flow_time"), c.number("test_error"), c.number("test_mse"));
        }
    };

    /** The study's table: rows belong to the unit of their size, seed and α. */
    static StudyDefinition.StudyTable<FlowRow> table() {
        return new StudyDefinition.StudyTable<>(SCHEMA, (spec, r) -> new UnitKey(r.n(), spec.width(), r.seed(),
                r.richness()));
    }
}
