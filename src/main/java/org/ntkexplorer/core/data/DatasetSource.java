package org.ntkexplorer.core.data;

import java.util.List;
import java.util.Optional;

/** A dataset opened from a spec string (see {@link DatasetRegistry}), before any subset is drawn. */
public interface DatasetSource {
    /** The spec string this source was opened from. */
    String spec();

    /** One or two sentences: where the data came from, how many, what shape, how it was generated. */
    String description();

    Task task();

    /** Names of the classes by original class id; empty for regression. */
    List<String> classNames();

    /** Number of classes for classification, target dimension for regression. */
    int outputs();

    ExampleArray train();

    /** The separate test part; when absent, subsets draw train and test disjointly from {@link #train()}. */
    Optional<ExampleArray> test();
}
