package org.ntkexplorer.core.data;

/** A drawn subset: disjoint train and test splits and a sentence saying exactly what they are. */
public record DataSplit(Split train, Split test, String description) {
}
