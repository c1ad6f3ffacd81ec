package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.UnitKey;

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

    private static final Column<SpikeRow> N = Column.whole("n", SpikeRow::n);
    private static final Column<SpikeRow> WIDTH = Column.whole("width", SpikeRow::width);
    private static final Column<SpikeRow> SEED = Column.whole("seed", SpikeRow::seed);
    private static final Column<SpikeRow> RICHNESS = Column.number("richness", SpikeRow::richness);
    private static final Column<SpikeRow> STEP = Column.whole("step", SpikeRow::step);
    private static final Column<SpikeRow> EPOCH = Column.number("epoch", SpikeRow::epoch);
    private static final Column<SpikeRow> RATIO = Column.number("ratio", SpikeRow::ratio);
    private static final Column<SpikeRow> LOSS = Column.number("loss", SpikeRow::loss);
    private static final Column<SpikeRow> RECOVERED = Column.flag("recovered", SpikeRow::recovered);

    /** One spike per network and peak step: a repeated line is the same spike again. */
    public static final RowSchema<SpikeRow> SCHEMA = RowSchema.of("spikes.csv", List.of(N, WIDTH, SEED, RICHNESS, STEP, EPOCH,
            RATIO, LOSS, RECOVERED), c -> new SpikeRow(c.integer(N), c.integer(WIDTH), c.whole(SEED),
                    c.number(RICHNESS), c.whole(STEP), c.number(EPOCH), c.number(RATIO), c.number(LOSS),
                    Boolean.TRUE.equals(c.flag(RECOVERED))),
            r -> List.of(r.n(), r.width(), r.seed(), r.richness(), r.step()));

    public UnitKey unit() {
        return new UnitKey(n, width, seed, richness);
    }
}
