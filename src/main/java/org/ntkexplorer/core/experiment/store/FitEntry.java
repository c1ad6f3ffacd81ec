package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

/**
 * A fit of fits.json, with the networks behind it that stopped at their step cap without meeting the stopping rule
 * (as "n=256 seed=1"); such networks are kept in the fit and flagged wherever α is shown.
 */
public record FitEntry(PowerLawFitResult fit, List<String> notConverged) {
    public FitEntry {
        notConverged = List.copyOf(notConverged);
    }
}
