package org.ntkexplorer.core.experiment.spec;

import java.util.List;
import java.util.Locale;

/**
 * How many units a spec expands to, counted from its lists without expanding them. A count in the billions
 * ("seeds": 1000000000) would otherwise be expanded into a list of units that fills the memory and never answers;
 * it is refused with the count and the limit instead, before anything is built.
 */
final class UnitCount {
    /**
     * The most units one run folder holds. Each unit trains at least one network (a tenth of a second at the very
     * least, so 100,000 units are hours of work), is a row of units.csv and several of results.csv, and every resume
     * reads them all back; a study beyond it is several runs, or shards of one.
     */
    static final long MAX_UNITS = 100_000;

    private UnitCount() {
    }

    /** Units of the spec: seeds × the sizes × the widths × the richness values its study runs over. */
    static double of(ExperimentSpec spec) {
        return spec.seeds() * perSeed(spec);
    }

    private static double perSeed(ExperimentSpec spec) {
        StudyRules def = Studies.of(spec.study());
        double[] grid = spec.params() instanceof StudyParams.Richness r ? r.grid() : new double[0];
        double richness = Math.max(1, grid.length);
        return Math.max(1, def.sizes(spec).length) * (double) Math.max(1, def.widths(spec).length) * richness;
    }

    static List<InvalidSpecException.Problem> problems(ExperimentSpec spec) {
        double units = of(spec);
        if (units <= MAX_UNITS) {
            return List.of();
        }
        SpecField<?> grown = spec.seeds() > 1 ? SpecFields.SEEDS
                : spec.params() instanceof StudyParams.WidthSweep ? SpecFields.WIDTHS
                : spec.params() instanceof StudyParams.Richness r && r.grid().length > 1 ? SpecFields.RICHNESS_GRID
                : SpecFields.N_GRID;
        String key = grown.key();
        double perSeed = perSeed(spec);
        return List.of(new InvalidSpecException.Problem(key, String.format(Locale.ROOT, "the spec asks for %,.0f units "
                + "(%,d seed%s × %,.0f network%s each), more than the %,d one run can hold; use fewer seeds or a "
                + "shorter list, or split the study into several runs", units, spec.seeds(),
                spec.seeds() == 1 ? "" : "s", perSeed, perSeed == 1 ? "" : "s", MAX_UNITS)));
    }
}
