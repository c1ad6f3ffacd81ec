package org.ntkexplorer.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, MIT licence): where it is installed and what its files are. */
public final class FashionMnist {
    public static final Path INSTALL_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String INSTALL_HINT = "install it with: sudo apt-get install dataset-fashion-mnist";
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    public static boolean isComplete(Path dir) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    static LoadedDataset open(String spec, Path dir, String origin) {
        ExampleArray train = IdxDataset.part(dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS), CLASS_NAMES.size());
        ExampleArray test = IdxDataset.part(dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS), CLASS_NAMES.size());
        String description = String.format("%s (%s): %d training and %d test images of 28×28 grey pixels (0..255), "
                + "10 classes of clothing.", origin, dir, train.size(), test.size());
        return LoadedDataset.classification(spec, description, CLASS_NAMES, train, test);
    }

    /** The licence under which Fashion-MNIST and any subset of it are redistributed. */
    public static final String LICENSE = """
            The MIT License (MIT)

            Copyright (c) 2017 Zalando SE

            Permission is hereby granted, free of charge, to any person obtaining a copy
            of this software and associated documentation files (the "Software"), to deal
            in the Software without restriction, including without limitation the rights
            to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
            copies of the Software, and to permit persons to whom the Software is
            furnished to do so, subject to the following conditions:

            The above copyright notice and this permission notice shall be included in all
            copies or substantial portions of the Software.

            THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
            IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
            FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
            AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
            LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
            OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
            SOFTWARE.
            """;
}
