package org.ntkexplorer.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * Draws stratified, disjoint, seeded train/test subsets and turns them into model-ready arrays.
 *
 * <p>Per class, the examples are shuffled once with a stream of the seed; training takes a prefix of that
 * order. So for a fixed seed a larger training set contains every smaller one (learning curves compare
 * nested sets), and when test examples must come from the same part they are taken from the far end of the
 * same order, which keeps the test set fixed as the training set grows.
 */
public final class Subsets {
    private static final long TRAIN_STREAM = 0;
    private static final long TEST_STREAM = 1L << 20;
    private static final long ORDER_STREAM = 1L << 21;

    private Subsets() {
    }

    public static DataSplit select(DatasetSource source, SubsetRequest request) {
        ExampleArray trainPart = source.train();
        Optional<ExampleArray> testPart = source.test();
        int[] shape = trainPart.shape();
        if (request.layout() == Layout.IMAGE && shape.length != 3) {
            throw bad(source, "IMAGE layout needs image examples (C×H×W); these are vectors of " + shape[0] + " values");
        }
        int[][] chosen = source.task() == Task.REGRESSION
                ? chooseRegression(source, request, trainPart, testPart)
                : chooseClassification(source, request, trainPart, testPart);
        int[] classIds = source.task() == Task.REGRESSION ? null : classIds(source, request);
        int[] inputShape = request.layout() == Layout.IMAGE ? shape : new int[] {trainPart.exampleLength()};
        int d = trainPart.exampleLength();
        double[] xTrain = rawInputs(trainPart, chosen[0], d);
        double[] xTest = rawInputs(testPart.orElse(trainPart), chosen[1], d);
        request.preprocessing().apply(xTrain, xTest, d, shape.length == 3 ? shape[0] : 1);
        Split train = split(source, request, trainPart, chosen[0], inputShape, xTrain, classIds);
        Split test = split(source, request, testPart.orElse(trainPart), chosen[1], inputShape, xTest, classIds);
        return new DataSplit(train, test, describe(source, request, trainPart, classIds, testPart.isPresent(), inputShape));
    }

    private static int[] classIds(DatasetSource source, SubsetRequest request) {
        int classCount = source.classNames().size();
        int[] ids = request.classes();
        if (ids == null) {
            ids = new int[classCount];
            Arrays.setAll(ids, c -> c);
        }
        boolean[] seen = new boolean[classCount];
        for (int c : ids) {
            if (c < 0 || c >= classCount) {
                throw new DatasetException(Problem.UNKNOWN_CLASS, null, source.spec() + " has classes 0.."
                        + (classCount - 1) + (classCount > 20 ? "" : " (" + String.join(", ", source.classNames()) + ")")
                        + "; there is no class " + c);
            }
            if (seen[c]) {
                throw bad(source, "class " + c + " is requested twice");
            }
            seen[c] = true;
        }
        if (ids.length < 2) {
            throw bad(source, "a classification subset needs at least 2 classes, got " + ids.length);
        }
        if (request.targetEncoding() == TargetEncoding.PLUS_MINUS_ONE && ids.length != 2) {
            throw bad(source, "±1 targets need exactly 2 classes, got " + ids.length + "; use centred one-hot");
        }
        return ids;
    }

    private static int[][] chooseClassification(DatasetSource source, SubsetRequest request, ExampleArray trainPart,
                                                Optional<ExampleArray> testPart) {
        int[] ids = classIds(source, request);
        int classCount = source.classNames().size();
        int[][] trainByClass = SeededShuffle.indicesByClass(trainPart, classCount);
        int[][] testByClass = testPart.map(p -> SeededShuffle.indicesByClass(p, classCount)).orElse(null);
        int[] trainCounts = perClass(request.nTrain(), ids.length);
        int[] testCounts = perClass(request.nTest(), ids.length);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int k = 0; k < ids.length; k++) {
            int c = ids[k];
            int[] pool = trainByClass[c];
            SeededShuffle.shuffle(pool, SeededShuffle.streamSeed(request.seed(), TRAIN_STREAM + c));
            if (testByClass == null) {
                if (trainCounts[k] + testCounts[k] > pool.length) {
                    throw tooMany(source, c, trainCounts[k] + " training + " + testCounts[k] + " test examples",
                            "it has no separate test part, so both come disjointly from the " + pool.length
                                    + " examples of that class", trainByClass, ids);
                }
                addRange(train, pool, 0, trainCounts[k]);
                addRange(test, pool, pool.length - testCounts[k], pool.length);
            } else {
                int[] testPool = testByClass[c];
                SeededShuffle.shuffle(testPool, SeededShuffle.streamSeed(request.seed(), TEST_STREAM + c));
                if (trainCounts[k] > pool.length) {
                    throw tooMany(source, c, trainCounts[k] + " training examples", "its training part has "
                            + pool.length, trainByClass, ids);
                }
                if (testCounts[k] > testPool.length) {
                    throw tooMany(source, c, testCounts[k] + " test examples", "its test part has " + testPool.length,
                            testByClass, ids);
                }
                addRange(train, pool, 0, trainCounts[k]);
                addRange(test, testPool, 0, testCounts[k]);
            }
        }
        return new int[][] {ordered(train, request.seed()), ordered(test, request.seed() + 1)};
    }

    private static int[][] chooseRegression(DatasetSource source, SubsetRequest request, ExampleArray trainPart,
                                            Optional<ExampleArray> testPart) {
        if (request.classes() != null) {
            throw bad(source, "a regression dataset has no classes; leave classes unset");
        }
        if (request.targetEncoding() != TargetEncoding.CENTRED_ONE_HOT) {
            throw bad(source, "target encodings apply to classification only");
        }
        int[] pool = identity(trainPart.size());
        SeededShuffle.shuffle(pool, SeededShuffle.streamSeed(request.seed(), TRAIN_STREAM));
        int nTrain = request.nTrain();
        int nTest = request.nTest();
        if (testPart.isEmpty()) {
            if (nTrain + nTest > pool.length) {
                throw new DatasetException(Problem.TOO_MANY_REQUESTED, null, source.spec() + ": requested " + nTrain
                        + " training + " + nTest + " test examples but the dataset holds " + pool.length
                        + " (no separate test part, so both come from those)");
            }
            return new int[][] {Arrays.copyOf(pool, nTrain), Arrays.copyOfRange(pool, pool.length - nTest, pool.length)};
        }
        int[] testPool = identity(testPart.get().size());
        SeededShuffle.shuffle(testPool, SeededShuffle.streamSeed(request.seed(), TEST_STREAM));
        if (nTrain > pool.length || nTest > testPool.length) {
            throw new DatasetException(Problem.TOO_MANY_REQUESTED, null, source.spec() + ": requested " + nTrain
                    + " training and " + nTest + " test examples; the parts hold " + pool.length + " and " + testPool.length);
        }
        return new int[][] {Arrays.copyOf(pool, nTrain), Arrays.copyOf(testPool, nTest)};
    }

    /** n spread over k classes: n/k each, the remainder one each to the first classes in request order. */
    static int[] perClass(int n, int k) {
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = n / k + (i < n % k ? 1 : 0);
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private static void addRange(List<Integer> out, int[] pool, int from, int to) {
        for (int i = from; i < to; i++) {
            out.add(pool[i]);
        }
    }

    /** Mixed order, so that the first rows of a split are not all one class. */
    private static int[] ordered(List<Integer> chosen, long seed) {
        int[] a = chosen.stream().mapToInt(Integer::intValue).toArray();
        SeededShuffle.shuffle(a, SeededShuffle.streamSeed(seed, ORDER_STREAM));
        return a;
    }

    private static double[] rawInputs(ExampleArray part, int[] indices, int d) {
        double[] x = new double[Math.multiplyExact(indices.length, d)];
        double scale = 1 / part.rawMax();
        for (int r = 0; r < indices.length; r++) {
            part.copyExample(indices[r], x, r * d);
        }
        if (scale != 1) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= scale;
            }
        }
        return x;
    }

    private static Split split(DatasetSource source, SubsetRequest request, ExampleArray part, int[] indices,
                               int[] inputShape, double[] x, int[] classIds) {
        int n = indices.length;
        if (classIds == null) {
            int outputs = source.outputs();
            double[] y = new double[n * outputs];
            for (int r = 0; r < n; r++) {
                part.copyTarget(indices[r], y, r * outputs);
            }
            return new Split(inputShape, x, null, null, y, outputs, indices);
        }
        int k = classIds.length;
        int[] reindex = new int[source.classNames().size()];
        for (int j = 0; j < k; j++) {
            reindex[classIds[j]] = j;
        }
        int[] labels = new int[n];
        boolean pm = request.targetEncoding() == TargetEncoding.PLUS_MINUS_ONE;
        int outputs = pm ? 1 : k;
        double[] y = new double[n * outputs];
        for (int r = 0; r < n; r++) {
            labels[r] = reindex[part.label(indices[r])];
            if (pm) {
                y[r] = labels[r] == 1 ? 1 : -1;
            } else {
                for (int j = 0; j < k; j++) {
                    y[r * k + j] = (j == labels[r] ? 1.0 : 0.0) - 1.0 / k;
                }
            }
        }
        return new Split(inputShape, x, labels, classIds, y, outputs, indices);
    }

    private static String describe(DatasetSource source, SubsetRequest request, ExampleArray part, int[] classIds,
                                   boolean separateTest, int[] inputShape) {
        StringBuilder sb = new StringBuilder(source.spec()).append(": ");
        if (classIds != null) {
            List<String> names = new ArrayList<>();
            for (int c : classIds) {
                names.add(c + " (" + source.classNames().get(c) + ")");
            }
            sb.append(classIds.length).append(" classes [").append(String.join(", ", names)).append("], relabelled 0..")
                    .append(classIds.length - 1).append(" in that order; ");
            sb.append(request.nTrain()).append(" training and ").append(request.nTest())
                    .append(" test examples, stratified (equal per class, any remainder to the first classes); ");
        } else {
            sb.append(request.nTrain()).append(" training and ").append(request.nTest()).append(" test examples drawn uniformly; ");
        }
        sb.append(separateTest ? "test examples from the separate test part; "
                : "train and test drawn disjointly from the same pool; ");
        sb.append("seed ").append(request.seed()).append("; ");
        double max = part.rawMax();
        sb.append(max == 255 ? "pixels scaled to [0,1] (divided by 255), then "
                : max == 1 ? "inputs used as given, then " : "values divided by their maximum " + max + ", then ");
        sb.append(request.preprocessing().describe()).append("; inputs ");
        sb.append(request.layout() == Layout.IMAGE ? "as images " : "flattened to ").append(NpzDataset.shapeText(inputShape));
        if (classIds != null) {
            sb.append(request.targetEncoding() == TargetEncoding.PLUS_MINUS_ONE
                    ? "; targets ±1 (+1 for class " + classIds[1] + ", −1 for class " + classIds[0] + ")"
                    : "; targets centred one-hot (1−1/" + classIds.length + " for the true class, −1/" + classIds.length + " elsewhere)");
        } else {
            sb.append("; targets are the dataset's ").append(source.outputs()).append("-dimensional outputs");
        }
        return sb.append('.').toString();
    }

    private static DatasetException tooMany(DatasetSource source, int classId, String requested, String has,
                                            int[][] byClass, int[] ids) {
        int[] counts = new int[byClass.length];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = byClass[c].length;
        }
        return new DatasetException(Problem.TOO_MANY_REQUESTED, null, source.spec() + ": requested " + requested
                + " of class " + classId + " (" + source.classNames().get(classId) + ") but " + has
                + "; available per class: " + SubsetCheck.countsText(ids, counts) + ". Ask for fewer.");
    }

    private static DatasetException bad(DatasetSource source, String message) {
        return new DatasetException(Problem.BAD_SPEC, null, source.spec() + ": " + message);
    }
}
