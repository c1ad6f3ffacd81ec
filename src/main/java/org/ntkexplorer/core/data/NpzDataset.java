package org.ntkexplorer.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ntkexplorer.core.data.DatasetException.Problem;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.NpyFormatException;
import org.ntkexplorer.core.io.Npz;
import org.ntkexplorer.core.io.NpzFile;

/**
 * Images and labels from an .npz archive: {@code npz:FILE?x=X&y=Y&xtest=…&ytest=…&layout=hwc|chw}. Images
 * are N×d, N×H×W or N×H×W×C (layout=hwc, the default, as CIFAR-5m stores them) or N×C×H×W (layout=chw).
 */
final class NpzDataset {
    static final List<String> PARAMS = List.of("x", "y", "xtest", "ytest", "layout");

    private NpzDataset() {
    }

    static LoadedDataset open(DatasetSpec spec) {
        Path file = Path.of(spec.argument());
        String layout = spec.string("layout", "hwc");
        if (!layout.equals("hwc") && !layout.equals("chw")) {
            throw spec.bad("layout must be hwc or chw, not '" + layout + "'");
        }
        boolean channelsLast = layout.equals("hwc");
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            NpzFile npz = Npz.open(file);
            String xKey = spec.string("x", "X");
            String yKey = spec.string("y", "Y");
            NpyExamples tr = part(npz, xKey, yKey, channelsLast);
            NpyExamples test = null;
            if (spec.has("xtest") || spec.has("ytest")) {
                test = part(npz, spec.string("xtest", "X_test"), spec.string("ytest", "Y_test"), channelsLast);
            }
            int classes = maxLabel(tr);
            if (test != null) {
                classes = Math.max(classes, maxLabel(test));
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c <= classes; c++) {
                names.add(Integer.toString(c));
            }
            String description = String.format("NumPy archive %s: %s = %d examples of shape %s (%s), labels %s, %d classes%s.",
                    file, xKey, tr.size(), shapeText(tr.shape()), tr.rawMax() == 255 ? "uint8 0..255"
                            : "values scaled by " + tr.rawMax(), yKey, names.size(),
                    test == null ? "; no separate test part" : "; " + test.size() + " test examples");
            return LoadedDataset.classification(spec.text(), description, names, tr, test);
        } catch (NoSuchFileException e) {
            throw new DatasetException(Problem.UNREADABLE, file, "no such file", e);
        } catch (NpyFormatException e) {
            Problem p = e.getMessage().contains("truncated") ? Problem.TRUNCATED : Problem.UNSUPPORTED_FORMAT;
            throw new DatasetException(p, file, e.getMessage().replace(file + ": ", "").replace(file.toString(), ""), e);
        } catch (IOException e) {
            throw new DatasetException(Problem.UNREADABLE, file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "×").append(shape[i]);
        }
        return sb.toString();
    }

    private static int maxLabel(ExampleArray a) {
        int max = -1;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, a.label(i));
        }
        return max;
    }

    private static NpyExamples part(NpzFile npz, String xKey, String yKey, boolean channelsLast) throws IOException {
        Path file = npz.path();
        for (String k : List.of(xKey, yKey)) {
            if (!npz.contains(k)) {
                throw new DatasetException(Problem.BAD_SPEC, file, "no array '" + k + "' in the archive; it holds "
                        + npz.names() + " (choose with ?x=NAME&y=NAME)");
            }
        }
        NpyArray x = npz.read(xKey);
        NpyArray y = npz.read(yKey);
        long[] xs = x.shape();
        if (xs.length < 2 || xs.length > 4) {
            throw new DatasetException(Problem.UNSUPPORTED_FORMAT, file, "'" + xKey + "' has shape " + x
                    + "; expected N×d, N×H×W or N×H×W×C");
        }
        if (y.rank() != 1 || !y.dtype().isInteger()) {
            throw new DatasetException(Problem.UNSUPPORTED_FORMAT, file, "labels '" + yKey + "' must be a 1-d integer array, not " + y);
        }
        if (y.shape()[0] != xs[0]) {
            throw new DatasetException(Problem.COUNT_MISMATCH, file, "'" + xKey + "' holds " + xs[0] + " examples but '"
                    + yKey + "' holds " + y.shape()[0] + " labels");
        }
        int[] labels = new int[Math.toIntExact(xs[0])];
        for (int i = 0; i < labels.length; i++) {
            long v = y.getLong(i);
            if (v < 0 || v > Character.MAX_VALUE) {
                throw new DatasetException(Problem.LABEL_OUT_OF_RANGE, file, "label " + v + " of example " + i + " in '"
                        + yKey + "' is not a class id (expected 0, 1, 2, …)");
            }
            labels[i] = (int) v;
        }
        long bad = NpyExamples.firstNonFinite(x);
        if (bad >= 0) {
            long perExample = x.size() / xs[0];
            throw FiniteInputs.notFinite(file, "'" + xKey + "'", bad / perExample, bad % perExample, x.getDouble(bad));
        }
        int[] shape = switch (xs.length) {
            case 2 -> new int[] {Math.toIntExact(xs[1])};
            case 3 -> new int[] {1, Math.toIntExact(xs[1]), Math.toIntExact(xs[2])};
            default -> channelsLast
                    ? new int[] {Math.toIntExact(xs[3]), Math.toIntExact(xs[1]), Math.toIntExact(xs[2])}
                    : new int[] {Math.toIntExact(xs[1]), Math.toIntExact(xs[2]), Math.toIntExact(xs[3])};
        };
        return new NpyExamples(x, shape, channelsLast, labels);
    }
}
