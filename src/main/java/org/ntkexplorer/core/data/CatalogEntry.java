package org.ntkexplorer.core.data;

/**
 * One line of the dataset catalogue: a spec (or spec pattern such as {@code idx:IMAGES,LABELS}), whether it
 * can be opened now, what it is, and what to do if it cannot.
 */
public record CatalogEntry(String spec, boolean available, String summary, String note) {
}
