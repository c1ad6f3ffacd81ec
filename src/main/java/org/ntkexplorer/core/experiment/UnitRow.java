package org.ntkexplorer.core.experiment;

import java.util.List;

/**
 * A row of units.csv: a unit finished whole. It is written after everything else of its unit, so it is what a
 * resume, a shard merge and a reader trust to say that the unit is complete.
 */
public record UnitRow(UnitKey unit, double seconds) {

    static final RowSchema<UnitRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "units.csv";
        }

        @Override
        public List<String> columns() {
            return List.of("n", "width", "seed", "richness", "seconds");
        }

        @Override
        public String[] cells(UnitRow r) {
            UnitKey u = r.unit;
            return new String[] {Integer.toString(u.n()), Integer.toString(u.width()), Long.toString(u.seed()),
                    RowSchema.num(u.richness()), String.format(java.util.Locale.ROOT, "%.3f", r.seconds)};
        }

        @Override
        public UnitRow parse(Cells c) {
            return new UnitRow(new UnitKey(c.integer("n"), c.integer("width"), c.whole("seed"), c.number("richness")),
                    c.number("seconds"));
        }
    };
}
