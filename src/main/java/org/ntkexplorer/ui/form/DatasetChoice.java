package org.ntkexplorer.ui.form;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dataset string for a file or folder a person picked: npz:FILE, cifar10:DIR, or idx:IMAGES,LABELS with the
 * labels file found beside the images by the IDX naming convention (train-images-idx3-ubyte ↔
 * train-labels-idx1-ubyte), whichever of the two was picked.
 */
public final class DatasetChoice {
    private DatasetChoice() {
    }

    /** The dataset string, or empty when the pick is an IDX file whose partner cannot be found. */
    public static Optional<String> of(Path picked) {
        String name = picked.getFileName().toString();
        if (Files.isDirectory(picked)) {
            return Optional.of("cifar10:" + picked);
        }
        if (name.endsWith(".npz")) {
            return Optional.of("npz:" + picked);
        }
        Path images = name.contains("labels") ? partner(picked, "labels", "images", "idx1", "idx3") : picked;
        Path labels = name.contains("labels") ? picked : partner(picked, "images", "labels", "idx3", "idx1");
        if (images == null || labels == null || !Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            return Optional.empty();
        }
        return Optional.of("idx:" + images + "," + labels);
    }

    /** idx:IMAGES,LABELS from two files picked one after the other. */
    public static String idx(Path images, Path labels) {
        return "idx:" + images + "," + labels;
    }

    private static Path partner(Path file, String from, String to, String fromIdx, String toIdx) {
        String name = file.getFileName().toString();
        if (!name.contains(from)) {
            return null;
        }
        return file.resolveSibling(name.replace(from, to).replace(fromIdx, toIdx));
    }
}
