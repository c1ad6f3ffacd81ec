package org.ntkexplorer.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ntkexplorer.core.data.DatasetException.Problem;

/** A classification dataset made of IDX image/label file pairs (one pair per part). */
final class IdxDataset {
    private IdxDataset() {
    }

    /**
     * Opens one part. With no class names given, the classes are 0..max label and named by number.
     */
    static ExampleArray part(Path images, Path labels, int classCount) {
        IdxReader.Images im = IdxReader.readImages(images);
        int[] y = IdxReader.readLabels(labels, classCount);
        if (y.length != im.count()) {
            throw new DatasetException(Problem.COUNT_MISMATCH, labels, "holds " + y.length + " labels but "
                    + images + " holds " + im.count() + " images; the two files must come from the same part");
        }
        int pixels = im.rows() * im.cols();
        return new Uint8Examples(im.pixels(), pixels, 0, new int[] {1, im.rows(), im.cols()}, false, y);
    }

    static LoadedDataset open(String spec, Path images, Path labels) {
        ExampleArray train = part(images, labels, 0);
        int max = -1;
        for (int i = 0; i < train.size(); i++) {
            max = Math.max(max, train.label(i));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        int[] s = train.shape();
        String description = String.format("IDX images %s with labels %s: %d examples of %d×%d pixels, %d classes; "
                + "no separate test part, so test examples are drawn from the same files.", images, labels, train.size(),
                s[1], s[2], names.size());
        return LoadedDataset.classification(spec, description, names, train, null);
    }
}
