package org.ntkexplorer.core.data;

import java.util.Optional;

/**
 * A dataset seen without its test part, so that a subset's "test" examples are held out of the training part
 * instead: what a learning rate is chosen on, never the test set the results are reported on.
 */
public final class TrainingPartOnly extends DatasetView {
    public TrainingPartOnly(DatasetSource source) {
        super(source);
    }

    @Override
    public String description() {
        return source.description() + " (training part only)";
    }

    @Override
    public Optional<ExampleArray> test() {
        return Optional.empty();
    }
}
