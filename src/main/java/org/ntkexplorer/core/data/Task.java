package org.ntkexplorer.core.data;

/** What the targets of a dataset are: class labels, or real-valued outputs. */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
