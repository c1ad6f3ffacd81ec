package org.ntkexplorer.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * Opens datasets from one spec string, the single way the CLI, the window and the experiments name data:
 * <ul>
 * <li>{@code fashion-mnist-sample} — the subset bundled in sample-data/</li>
 * <li>{@code fashion-mnist} — the Debian package dataset-fashion-mnist</li>
 * <li>{@code idx:IMAGES,LABELS} — any IDX image/label pair, gzipped or not</li>
 * <li>{@code cifar10:DIR} — CIFAR-10 binary batches</li>
 * <li>{@code npz:FILE[?x=X&y=Y&xtest=…&ytest=…&layout=hwc|chw]} — a NumPy archive</li>
 * <li>{@code teacher-student[?d=&outputs=&decay=&width=&size=&seed=&activation=&standardize=]} — synthetic regression</li>
 * <li>{@code gaussian-mixture[?classes=&d=&separation=&size=&seed=]} — synthetic classification</li>
 * </ul>
 */
public final class DatasetRegistry {
    public static final String SAMPLE = "fashion-mnist-sample";
    public static final String FASHION_MNIST = "fashion-mnist";
    private static final List<String> KINDS = List.of(SAMPLE, FASHION_MNIST, "idx:IMAGES,LABELS", "cifar10:DIR",
            "npz:FILE", TeacherStudentDataset.KIND, GaussianMixtureDataset.KIND);

    private DatasetRegistry() {
    }

    public static DatasetSource open(String specText) {
        DatasetSource source = openKind(DatasetSpec.parse(specText));
        if (source.train().size() == 0) {
            // Otherwise every later check speaks of its consequences ("classes 0..-1; there is no class 0, 1").
            throw new DatasetException(Problem.TRUNCATED, null, source.spec() + " holds no examples ("
                    + source.description().replaceAll("\\.\\s*$", "")
                    + "); a dataset needs at least one example of each class it is used with");
        }
        return source;
    }

    private static DatasetSource openKind(DatasetSpec spec) {
        return switch (spec.kind()) {
            case SAMPLE -> {
                noArguments(spec);
                Path dir = SampleData.locate().orElseThrow(() -> new DatasetException(Problem.NOT_INSTALLED, null,
                        "the bundled sample (sample-data/) was not found; looked in " + SampleData.candidates()
                                + "; set -D" + SampleData.PROPERTY + "=DIR to point at it"));
                yield FashionMnist.open(spec.text(), dir, "Stratified subset of Fashion-MNIST bundled with NTK Explorer");
            }
            case FASHION_MNIST -> {
                noArguments(spec);
                yield openInstalledFashionMnist(spec.text(), FashionMnist.INSTALL_DIR);
            }
            case "idx" -> {
                spec.allowOnly(List.of());
                String[] files = spec.argument().split(",");
                if (files.length != 2 || files[0].isBlank() || files[1].isBlank()) {
                    throw spec.bad("expected idx:IMAGES,LABELS (two files separated by a comma)");
                }
                yield IdxDataset.open(spec.text(), Path.of(files[0].strip()), Path.of(files[1].strip()));
            }
            case "cifar10" -> {
                spec.allowOnly(List.of());
                requireArgument(spec, "cifar10:DIR");
                yield CifarDataset.open(spec.text(), Path.of(spec.argument()));
            }
            case "npz" -> {
                spec.allowOnly(NpzDataset.PARAMS);
                requireArgument(spec, "npz:FILE");
                yield NpzDataset.open(spec);
            }
            case TeacherStudentDataset.KIND -> {
                noArgument(spec);
                yield TeacherStudentDataset.create(spec);
            }
            case GaussianMixtureDataset.KIND -> {
                noArgument(spec);
                yield GaussianMixtureDataset.create(spec);
            }
            default -> throw new DatasetException(Problem.UNKNOWN_DATASET, null, "unknown dataset '" + spec.text()
                    + "'; known: " + String.join(", ", KINDS));
        };
    }

    static DatasetSource openInstalledFashionMnist(String spec, Path dir) {
        if (!FashionMnist.isComplete(dir)) {
            throw new DatasetException(Problem.NOT_INSTALLED, dir, "Fashion-MNIST is not installed; "
                    + FashionMnist.INSTALL_HINT + " (or use " + SAMPLE + ", which is bundled)");
        }
        return FashionMnist.open(spec, dir, "Fashion-MNIST");
    }

    private static void noArguments(DatasetSpec spec) {
        noArgument(spec);
        spec.allowOnly(List.of());
    }

    private static void noArgument(DatasetSpec spec) {
        if (!spec.argument().isEmpty()) {
            throw spec.bad(spec.kind() + " takes no ':' argument");
        }
    }

    private static void requireArgument(DatasetSpec spec, String form) {
        if (spec.argument().isEmpty()) {
            throw spec.bad("expected " + form);
        }
    }

    /** Specs that can be opened right now without further arguments. */
    public static List<String> available() {
        List<String> out = new ArrayList<>();
        for (CatalogEntry e : catalog()) {
            if (e.available() && !e.spec().contains(":")) {
                out.add(e.spec());
            }
        }
        return out;
    }

    /** Every kind of dataset, with whether it can be opened now and how to get it otherwise. */
    public static List<CatalogEntry> catalog() {
        List<CatalogEntry> out = new ArrayList<>();
        Optional<Path> sample = SampleData.locate();
        out.add(new CatalogEntry(SAMPLE, sample.isPresent(), "bundled stratified subset of Fashion-MNIST",
                sample.map(p -> "in " + p).orElse("not found; looked in " + SampleData.candidates())));
        boolean fm = FashionMnist.isComplete(FashionMnist.INSTALL_DIR);
        out.add(new CatalogEntry(FASHION_MNIST, fm, "Fashion-MNIST, 60000 train + 10000 test, 1×28×28, 10 classes",
                fm ? "installed in " + FashionMnist.INSTALL_DIR : "not installed; " + FashionMnist.INSTALL_HINT));
        out.add(new CatalogEntry(TeacherStudentDataset.KIND, true,
                "synthetic regression, power-law input spectrum, random wide teacher",
                "parameters " + String.join(", ", TeacherStudentDataset.PARAMS)
                        + "; default d=64 outputs=1 decay=1.5 width=2048 size=20000 seed=0 activation=tanh"));
        out.add(new CatalogEntry(GaussianMixtureDataset.KIND, true, "synthetic classification, Gaussian clusters",
                "parameters " + String.join(", ", GaussianMixtureDataset.PARAMS)
                        + "; default classes=4 d=32 separation=2 size=20000 seed=0"));
        out.add(new CatalogEntry("idx:IMAGES,LABELS", true, "an IDX image/label pair (MNIST family), gzipped or not", "your files"));
        out.add(new CatalogEntry("cifar10:DIR", true, "CIFAR-10 binary batches (data_batch_1..5.bin, test_batch.bin)", "your files"));
        out.add(new CatalogEntry("npz:FILE", true, "a NumPy .npz with images X and integer labels Y",
                "your file; ?x=NAME&y=NAME&xtest=NAME&ytest=NAME&layout=hwc|chw"));
        return out;
    }
}
