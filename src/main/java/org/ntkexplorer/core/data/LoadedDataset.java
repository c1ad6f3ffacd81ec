package org.ntkexplorer.core.data;

import java.util.List;
import java.util.Optional;

/** The {@link DatasetSource} every loader returns: its parts are already open. */
record LoadedDataset(String spec, String description, Task task, List<String> classNames, int outputs,
                     ExampleArray train, Optional<ExampleArray> test) implements DatasetSource {
    LoadedDataset {
        classNames = List.copyOf(classNames);
    }

    static LoadedDataset classification(String spec, String description, List<String> classNames,
                                        ExampleArray train, ExampleArray test) {
        return new LoadedDataset(spec, description, Task.CLASSIFICATION, classNames, classNames.size(), train,
                Optional.ofNullable(test));
    }
}
