package org.ntkexplorer.core.data;

import java.util.List;
import java.util.Optional;

/**
 * A dataset seen through a filter: everything comes from the underlying source except what a view changes (its
 * description, and which examples its training or test part holds).
 */
abstract class DatasetView implements DatasetSource {
    protected final DatasetSource source;

    DatasetView(DatasetSource source) {
        this.source = source;
    }

    @Override
    public String spec() {
        return source.spec();
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
        return source.test();
    }
}
