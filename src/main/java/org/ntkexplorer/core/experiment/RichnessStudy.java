package org.ntkexplorer.core.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.ntkexplorer.core.model.OutputTransform;

/**
 * Study 5, the lazy–rich dial (docs/science.md, §Richness): for each n, seed and richness α of the grid, the
 * centred network α·(f − f₀) trained under the spec's protocol on L/α², with its kernel movement and kernel–target
 * alignment on the probe set; and, once per n and seed, kernel regression with the eNTK at initialisation (the eNTK
 * of α·(f − f₀) is α² times f's, and regression with a relative ridge does not see that scale) and the other kernel
 * learners of the spec. The scaling exponent is fitted per α.
 */
final class RichnessStudy extends LearnerStudy {

    RichnessStudy(RunContext ctx) {
        super(ctx);
    }

    @Override
    public List<UnitKey> units() {
        return units(ctx.spec);
    }

    static List<UnitKey> units(ExperimentSpec spec) {
        List<UnitKey> out = new ArrayList<>();
        for (long seed = 0; seed < spec.seeds(); seed++) {
            for (int n : spec.nGrid()) {
                for (double a : spec.richnessGrid()) {
                    out.add(new UnitKey(n, spec.width(), seed, a));
                }
            }
        }
        return out;
    }

    /**
     * What the folder lacks of a unit: its network, and, in the unit of the grid's first α, the kernel learners of
     * its size and seed (they do not depend on α).
     */
    @Override
    Set<Learner> missing(UnitKey u) throws IOException {
        boolean kernelsHere = u.richness() == ctx.spec.richnessGrid()[0];
        Set<Learner> todo = EnumSet.noneOf(Learner.class);
        todo.addAll(ctx.spec.learners());
        if (!kernelsHere) {
            todo.retainAll(Set.of(Learner.NETWORK));
        }
        for (ResultRow r : ctx.folder.results.read()) {
            if (r.n() == u.n() && r.seed() == u.seed()
                    && (r.learner() == Learner.NETWORK ? r.richness() == u.richness() : Double.isNaN(r.richness()))) {
                todo.remove(r.learner());
            }
        }
        return todo;
    }

    /** The same initialisation at every α: only the output scale differs between the networks of a size and seed. */
    @Override
    OutputTransform transform(UnitKey u) {
        return OutputTransform.centered(u.richness());
    }

    @Override
    boolean snapshots() {
        return false;
    }
}
