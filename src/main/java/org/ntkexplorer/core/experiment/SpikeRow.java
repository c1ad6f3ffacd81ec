package org.ntkexplorer.core.experiment;

import java.util.List;

/**
 * A row of spikes.csv: a spike of one network's per-step training loss above its loss at initialisation
 * (docs/science.md, §Largest stable learning rate), so a reopened run draws the same spike markers a live one did.
 *
 * @param step      the step of the spike's peak
 * @param epoch     that step in epochs (fractional)
 * @param ratio     the peak loss over the loss at initialisation
 * @param loss      the peak loss
 * @param recovered whether the loss fell back below its start afterwards (a catapult)
 */
public record SpikeRow(int n, int width, long seed, double richness, long step, double epoch, double ratio,
                       double loss, boolean recovered) {

    static final RowSchema<SpikeRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "spikes.csv";
        }

        /** One spike per network and peak step: a repeated line is the same spike again. */
        @Override
        public Object key(SpikeRow r) {
            return List.of(r.n(), r.width(), r.seed(), r.richness(), r.step());
        }

        @Override
        public List<String> columns() {
            return List.of("n", "width", "seed", "richness", "step", "epoch", "ratio", "loss", "recovered");
        }

        @Override
        public String[] cells(SpikeRow r) {
            return new String[] {Integer.toString(r.n), Integer.toString(r.width), Long.toString(r.seed),
                    RowSchema.num(r.richness), Long.toString(r.step), RowSchema.num(r.epoch), RowSchema.num(r.ratio),
                    RowSchema.num(r.loss), RowSchema.flag(r.recovered)};
        }

        @Override
        public SpikeRow parse(Cells c) {
            Boolean recovered = c.flag("recovered");
            return new SpikeRow(c.integer("n"), c.integer("width"), c.whole("seed"), c.number("richness"),
                    c.whole("step"), c.number("epoch"), c.number("ratio"), c.number("loss"),
                    Boolean.TRUE.equals(recovered));
        }
    };

    static SpikeRow of(ExperimentEvent.LossSpike e) {
        UnitKey u = e.unit();
        return new SpikeRow(u.n(), u.width(), u.seed(), u.richness(), e.step(), e.epoch(), e.ratio(), e.loss(),
                e.recovered());
    }

    UnitKey unit() {
        return new UnitKey(n, width, seed, richness);
    }

    ExperimentEvent.LossSpike event() {
        return new ExperimentEvent.LossSpike(unit(), step, epoch, ratio, loss, recovered);
    }
}
