package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * A row of units.csv: a unit finished whole. It is written after everything else of its unit, so it is what a
 * resume, a shard merge and a reader trust to say that the unit is complete.
 */
public record UnitRow(UnitKey unit, double seconds) {

    private static final Column<UnitRow> N = Column.whole("n", r -> r.unit.n());
    private static final Column<UnitRow> WIDTH = Column.whole("width", r -> r.unit.width());
    private static final Column<UnitRow> SEED = Column.whole("seed", r -> r.unit.seed());
    private static final Column<UnitRow> RICHNESS = Column.number("richness", r -> r.unit.richness());
    private static final Column<UnitRow> SECONDS = Column.seconds("seconds", UnitRow::seconds);

    public static final RowSchema<UnitRow> SCHEMA = RowSchema.of("units.csv", List.of(N, WIDTH, SEED, RICHNESS, SECONDS),
            c -> new UnitRow(new UnitKey(c.integer(N), c.integer(WIDTH), c.whole(SEED), c.number(RICHNESS)),
                    c.number(SECONDS)));
}
