package org.ntkexplorer.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * CIFAR-10 binary version: data_batch_1..5.bin (train) and test_batch.bin, each a sequence of records of
 * one label byte followed by 3×32×32 pixel bytes (red plane, green plane, blue plane). Batches are mapped.
 */
final class CifarDataset {
    static final int SIDE = 32;
    static final int PIXELS = 3 * SIDE * SIDE;
    static final int RECORD = 1 + PIXELS;
    static final List<String> DEFAULT_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private CifarDataset() {
    }

    static LoadedDataset open(String spec, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(Problem.UNREADABLE, dir, "no such directory; cifar10:DIR needs the folder holding "
                    + "data_batch_1.bin … data_batch_5.bin and test_batch.bin (the CIFAR-10 binary version)");
        }
        List<String> names = classNames(dir);
        List<ExampleArray> batches = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            Path batch = dir.resolve("data_batch_" + k + ".bin");
            if (k > 1 && !Files.exists(batch)) {
                break;
            }
            batches.add(batch(batch, names.size()));
        }
        ExampleArray train = batches.size() == 1 ? batches.get(0) : new ConcatenatedExamples(batches);
        Path testFile = dir.resolve("test_batch.bin");
        ExampleArray test = Files.exists(testFile) ? batch(testFile, names.size()) : null;
        String description = String.format("CIFAR-10 binary batches in %s: %d training images (%d batch file%s)%s, "
                + "3×32×32 colour pixels (0..255), %d classes.", dir, train.size(), batches.size(),
                batches.size() == 1 ? "" : "s", test == null ? ", no test batch" : " and " + test.size() + " test images",
                names.size());
        return LoadedDataset.classification(spec, description, names, train, test);
    }

    static ExampleArray batch(Path file, int classCount) {
        ByteBuffer b;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new DatasetException(Problem.UNREADABLE, file, "batch larger than 2 GiB; split it into batches");
            }
            b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        } catch (NoSuchFileException e) {
            throw new DatasetException(Problem.UNREADABLE, file, "no such file", e);
        } catch (IOException e) {
            throw new DatasetException(Problem.UNREADABLE, file, "cannot read (" + e.getMessage() + ")", e);
        }
        if (b.capacity() == 0 || b.capacity() % RECORD != 0) {
            throw new DatasetException(Problem.TRUNCATED, file, "size " + b.capacity() + " bytes is not a whole number of "
                    + RECORD + "-byte CIFAR-10 records (1 label byte + 3072 pixel bytes); truncated or not a CIFAR-10 batch");
        }
        int count = b.capacity() / RECORD;
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = b.get(i * RECORD) & 0xff;
            if (labels[i] >= classCount) {
                throw new DatasetException(Problem.LABEL_OUT_OF_RANGE, file, "record " + i + " has label " + labels[i]
                        + ", outside 0.." + (classCount - 1) + "; is this a CIFAR-100 file (2 label bytes per record)?");
            }
        }
        return new Uint8Examples(b, RECORD, 1, new int[] {3, SIDE, SIDE}, false, labels);
    }

    private static List<String> classNames(Path dir) {
        Path meta = dir.resolve("batches.meta.txt");
        if (!Files.exists(meta)) {
            return DEFAULT_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            return names.isEmpty() ? DEFAULT_NAMES : names;
        } catch (IOException e) {
            throw new DatasetException(Problem.UNREADABLE, meta, "cannot read class names (" + e.getMessage() + ")", e);
        }
    }
}
