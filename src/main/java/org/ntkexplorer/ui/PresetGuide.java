package org.ntkexplorer.ui;

import java.util.Locale;
import java.util.Optional;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.store.Metric;


/**
 * What the presets' own texts (index.json) say about a run: which preset it is, its quick version for a class to
 * run, and which test figure its help discusses. Nothing here is written in the window's code, so rewritten
 * presets and help texts show as they are.
 */
public final class PresetGuide {
    private PresetGuide() {
    }

    /** The preset whose spec this is, if any. */
    public static Optional<Presets.Preset> matching(ExperimentSpec spec) {
        String json = spec.toJson();
        return Presets.all().stream().filter(p -> p.spec().toJson().equals(json)).findFirst();
    }

    /**
     * The quick preset to run for a spec: the quick version of its own preset, else the first quick preset of the
     * same study and architecture, else of the same study.
     */
    public static Optional<Presets.Preset> quickFor(ExperimentSpec spec) {
        Optional<Presets.Preset> own = matching(spec);
        if (own.isPresent() && isQuick(own.get())) {
            return own;
        }
        if (own.isPresent()) {
            // A name without "-full" (scaling-mlp-60k) replaces to itself, which is not quick.
            Optional<Presets.Preset> sibling = Presets.find(own.get().name().replace("-full", "-quick"))
                    .filter(PresetGuide::isQuick);
            if (sibling.isPresent()) {
                return sibling;
            }
        }
        Optional<Presets.Preset> same = Presets.all().stream().filter(PresetGuide::isQuick)
                .filter(p -> p.spec().study() == spec.study() && p.spec().architecture() == spec.architecture())
                .findFirst();
        return same.isPresent() ? same : Presets.all().stream().filter(PresetGuide::isQuick)
                .filter(p -> p.spec().study() == spec.study()).findFirst();
    }

    /** The first quick preset of a study. */
    public static Optional<Presets.Preset> quickFor(org.ntkexplorer.core.experiment.spec.Study study) {
        return Presets.all().stream().filter(PresetGuide::isQuick).filter(p -> p.spec().study() == study).findFirst();
    }

    private static boolean isQuick(Presets.Preset p) {
        return p.name().contains("quick");
    }

    /** The test figure a preset's help discusses: the first of "test MSE" and "test error" it names (error if none). */
    public static Metric metricOf(Presets.Preset p) {
        String t = (p.summary() + " " + p.explanation()).toLowerCase(Locale.ROOT);
        int mse = t.indexOf("test mse");
        int error = t.indexOf("test error");
        return mse >= 0 && (error < 0 || mse < error) ? Metric.TEST_MSE : Metric.TEST_ERROR;
    }

    /** The metric to show first for a run: its preset's, else test error. */
    public static Metric metricFor(ExperimentSpec spec) {
        return matching(spec).map(PresetGuide::metricOf).orElse(Metric.TEST_ERROR);
    }
}
