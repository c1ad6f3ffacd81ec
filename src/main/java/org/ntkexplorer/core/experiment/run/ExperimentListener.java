package org.ntkexplorer.core.experiment.run;

/** Receives events on the compute thread; implementations hand them on quickly (e.g. to the FX thread). */
@FunctionalInterface
public interface ExperimentListener {
    void onEvent(ExperimentEvent event);
}
