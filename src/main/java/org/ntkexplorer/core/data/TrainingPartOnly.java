package org.ntkexplorer.core.data;

import java.util.List;
import java.util.Optional;

/**
 * A dataset seen without its test part, so that a subset's "test" examples are held out of the training part
 * instead: what a learning rate is chosen on, never the test set the results are reported on.
 */
public final class TrainingPartOnly implements DatasetSource {
    private final DatasetSource source;

    public TrainingPartOnly(DatasetSource source) {
        this.source = source;
    }

    @Override
    public String spec() {
        return source.spec();
    }

    @Override
    public String description() {
        return source.description() + " (training part only)";
    }

    @Override
    public Task task() {
        return source.task();
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public int outputs() {
        return source.outputs();
    }

    @Override
    public ExampleArray train() {
        return source.train();
    }

    @Override
    public Optional<ExampleArray> test() {
        return Optional.empty();
    }
}
