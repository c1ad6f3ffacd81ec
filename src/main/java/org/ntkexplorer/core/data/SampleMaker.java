package org.ntkexplorer.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * Writes a stratified subset of Fashion-MNIST (train and test parts) as gzipped IDX files, with its licence
 * and a README recording how it was made and the SHA-256 of every file.
 *
 * <p>Selection rule: for each class c, the indices of class c in file order are shuffled (Fisher–Yates with
 * java.util.Random seeded by {@link SeededShuffle#streamSeed} of (seed, c) for train and (seed, 2^20 + c)
 * for test) and the first N kept; the kept examples are written in their original file order.
 */
public final class SampleMaker {
    static final long TEST_STREAM = 1L << 20;
    public static final String LICENSE_FILE = "LICENSE-fashion-mnist.txt";

    /** A written file, its SHA-256, and the SHA-256 of its decompressed content (independent of the zlib used). */
    public record WrittenFile(String name, int examples, String sha256, String contentSha256) {
    }

    private SampleMaker() {
    }

    public static List<WrittenFile> make(DatasetSource source, int perClassTrain, int perClassTest, long seed,
                                         Path outDir, String command) throws IOException {
        ExampleArray train = source.train();
        ExampleArray test = source.test().orElseThrow(() -> new DatasetException(Problem.BAD_SPEC, null,
                source.spec() + " has no separate test part; make-sample needs one"));
        int[] shape = train.shape();
        if (!source.classNames().equals(FashionMnist.CLASS_NAMES) || shape.length != 3 || shape[0] != 1
                || train.rawMax() != 255) {
            throw new DatasetException(Problem.BAD_SPEC, null, source.spec()
                    + ": make-sample makes the Fashion-MNIST sample (grey uint8 IDX images, the 10 Fashion-MNIST classes); "
                    + "this dataset is not Fashion-MNIST");
        }
        int classes = source.classNames().size();
        int[] trainIdx = choose(source, train, classes, perClassTrain, seed, 0, "training");
        int[] testIdx = choose(source, test, classes, perClassTest, seed, TEST_STREAM, "test");
        Files.createDirectories(outDir);
        List<WrittenFile> written = new ArrayList<>();
        write(train, trainIdx, shape, outDir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, written);
        write(test, testIdx, shape, outDir, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, written);
        Files.writeString(outDir.resolve(LICENSE_FILE), FashionMnist.LICENSE, StandardCharsets.UTF_8);
        Path readme = outDir.resolve("README.md");
        String own = readme(source, perClassTrain, perClassTest, seed, command, written);
        Files.writeString(readme, withOthers(own, Files.isRegularFile(readme) ? Files.readString(readme) : ""),
                StandardCharsets.UTF_8);
        return written;
    }

    private static int[] choose(DatasetSource source, ExampleArray part, int classes, int perClass, long seed,
                                long stream, String what) {
        int[][] byClass = SeededShuffle.indicesByClass(part, classes);
        int[] out = new int[classes * perClass];
        for (int c = 0; c < classes; c++) {
            if (byClass[c].length < perClass) {
                throw new DatasetException(Problem.TOO_MANY_REQUESTED, null, source.spec() + ": " + perClass + " " + what
                        + " examples requested per class but class " + c + " has only " + byClass[c].length);
            }
            SeededShuffle.shuffle(byClass[c], SeededShuffle.streamSeed(seed, stream + c));
            System.arraycopy(byClass[c], 0, out, c * perClass, perClass);
        }
        Arrays.sort(out);
        return out;
    }

    private static void write(ExampleArray part, int[] idx, int[] shape, Path dir, String imagesName,
                              String labelsName, List<WrittenFile> written) throws IOException {
        int d = part.exampleLength();
        byte[] pixels = new byte[idx.length * d];
        byte[] labels = new byte[idx.length];
        double[] row = new double[d];
        for (int r = 0; r < idx.length; r++) {
            part.copyExample(idx[r], row, 0);
            for (int k = 0; k < d; k++) {
                pixels[r * d + k] = (byte) (int) row[k];
            }
            labels[r] = (byte) part.label(idx[r]);
        }
        IdxWriter.writeImages(dir.resolve(imagesName), shape[1], shape[2], pixels);
        IdxWriter.writeLabels(dir.resolve(labelsName), labels);
        for (String name : List.of(imagesName, labelsName)) {
            Path p = dir.resolve(name);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                written.add(new WrittenFile(name, idx.length, Sha256.of(p), Sha256.of(in)));
            }
        }
    }

    /**
     * The README as written now, followed by the sections of the existing one that make-sample does not write
     * (e.g. "Example runs", written by hand about the runs kept beside the sample): make-sample owns its own
     * sections only.
     */
    static String withOthers(String own, String existing) {
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (String line : own.split("\n")) {
            if (line.startsWith("## ")) {
                mine.add(line.strip());
            }
        }
        StringBuilder out = new StringBuilder(own);
        boolean keep = false;
        for (String line : existing.split("\n", -1)) {
            if (line.startsWith("## ")) {
                keep = !mine.contains(line.strip());
                if (keep) {
                    out.append(out.toString().endsWith("\n\n") ? "" : "\n");
                }
            } else if (line.startsWith("# ")) {
                keep = false;
            }
            if (keep) {
                out.append(line).append('\n');
            }
        }
        return out.toString().replaceAll("\n+$", "\n");
    }

    private static String readme(DatasetSource source, int perTrain, int perTest, long seed, String command,
                                 List<WrittenFile> files) {
        int classes = source.classNames().size();
        StringBuilder sb = new StringBuilder();
        sb.append("# Bundled sample of Fashion-MNIST\n\n");
        sb.append("A stratified subset of Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, https://github.com/zalandoresearch/fashion-mnist),\n");
        sb.append("so NTK Explorer works without downloading anything. Open it as `fashion-mnist-sample`.\n");
        sb.append("Fashion-MNIST is © 2017 Zalando SE under the MIT licence; see `LICENSE-fashion-mnist.txt`.\n\n");
        sb.append("## Contents\n\n");
        sb.append(String.format("- training part: %d images (%d per class × %d classes) from the %d Fashion-MNIST training images%n",
                perTrain * classes, perTrain, classes, source.train().size()));
        sb.append(String.format("- test part: %d images (%d per class × %d classes) from the %d Fashion-MNIST test images%n",
                perTest * classes, perTest, classes, source.test().orElseThrow().size()));
        sb.append("- format: gzipped IDX exactly like the originals (1×28×28 unsigned bytes, labels 0..9 with the usual class names)\n\n");
        sb.append("## How it was made\n\n");
        sb.append("Source: `").append(source.spec()).append("` — ").append(source.description()).append("\n\n");
        sb.append("Command (from the repository root, after `mvn -o -q package -DskipTests`):\n\n");
        sb.append("    ").append(command).append("\n\n");
        sb.append("Selection rule (seed ").append(seed).append("): separately for the training and the test part and for each\n");
        sb.append("class c, the indices of the images of class c, in file order, are shuffled by Fisher–Yates driven by\n");
        sb.append("`java.util.Random(streamSeed(seed, s))` with s = c for training and s = 2^20 + c for test\n");
        sb.append("(`streamSeed` is the SplitMix64 finaliser of seed + 0x9E3779B97F4A7C15·(s+1), see\n");
        sb.append("`org.ntkexplorer.core.data.SeededShuffle`); the first N indices are kept, and the kept images are\n");
        sb.append("written in their original file order. The gzip streams carry no name and mtime 0, so the same\n");
        sb.append("command gives the same bytes with the same zlib; the decompressed digests below do not depend on zlib.\n\n");
        sb.append("## SHA-256\n\n");
        sb.append("| file | examples | SHA-256 of the file | SHA-256 of the decompressed IDX |\n");
        sb.append("|---|---|---|---|\n");
        for (WrittenFile f : files) {
            sb.append("| `").append(f.name()).append("` | ").append(f.examples()).append(" | `").append(f.sha256())
                    .append("` | `").append(f.contentSha256()).append("` |\n");
        }
        return sb.toString();
    }
}
