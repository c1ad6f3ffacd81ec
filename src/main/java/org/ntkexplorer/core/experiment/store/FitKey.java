package org.ntkexplorer.core.experiment.store;

import org.ntkexplorer.core.experiment.spec.Learner;

/**
 * What a power-law fit in fits.json is of: a learner's test metric against n (per richness in a richness study), or
 * a width-sweep measure against the width. {@link #id()} is its key in fits.json.
 */
public sealed interface FitKey permits FitKey.OfLearner, FitKey.OfWidth {

    String id();

    /** A learner's metric against n; {@code richness} NaN outside a richness study. */
    record OfLearner(Learner learner, double richness, Metric metric) implements FitKey {
        @Override
        public String id() {
            return learner.id() + (Double.isNaN(richness) ? "" : "/richness=" + RowSchema.num(richness)) + "/"
                    + metric.id();
        }
    }

    /** A width-sweep measure against the width. */
    record OfWidth(WidthMeasure measure) implements FitKey {
        @Override
        public String id() {
            return WidthMeasure.FIT_PREFIX + measure.id();
        }
    }

    static FitKey parse(String id) {
        String[] parts = id.split("/");
        if (id.startsWith(WidthMeasure.FIT_PREFIX) && parts.length == 2) {
            return new OfWidth(WidthMeasure.fromId(parts[1]));
        }
        if (parts.length == 2) {
            return new OfLearner(Learner.fromId(parts[0]), Double.NaN, Metric.fromId(parts[1]));
        }
        if (parts.length == 3 && parts[1].startsWith("richness=")) {
            return new OfLearner(Learner.fromId(parts[0]), Double.parseDouble(parts[1].substring("richness=".length())),
                    Metric.fromId(parts[2]));
        }
        throw new IllegalArgumentException("fits.json has a key it cannot read: '" + id + "'");
    }
}
