package org.ntkexplorer.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether subsets can be drawn from a dataset, answered from its labels without drawing anything and with every
 * problem at once, so that a run is refused before it starts instead of failing at its largest n. The rules are
 * those of {@link Subsets}: n is spread equally over the classes (the remainder to the first ones), and without a
 * separate test part the test examples come from the same examples of each class.
 */
public final class SubsetCheck {
    private static final int LISTED = 4;
    private final DatasetSource source;
    private final int[] trainCounts;
    private final int[] testCounts;

    private SubsetCheck(DatasetSource source, int[] trainCounts, int[] testCounts) {
        this.source = source;
        this.trainCounts = trainCounts;
        this.testCounts = testCounts;
    }

    /** Counts the examples of each class once; later questions cost nothing. */
    public static SubsetCheck of(DatasetSource source) {
        if (source.task() == Task.REGRESSION) {
            return new SubsetCheck(source, null, null);
        }
        int classes = source.classNames().size();
        return new SubsetCheck(source, count(source.train(), classes),
                source.test().map(t -> count(t, classes)).orElse(null));
    }

    private static int[] count(ExampleArray part, int classes) {
        int[] c = new int[classes];
        for (int i = 0; i < part.size(); i++) {
            c[part.label(i)]++;
        }
        return c;
    }

    /**
     * Problems of drawing {@code nTrain} training and {@code nTest} test examples of {@code classes} (null: all)
     * in {@code layout}; empty when the subset can be drawn.
     */
    public List<String> problems(int[] classes, int nTrain, int nTest, Layout layout) {
        List<String> out = new ArrayList<>(classProblems(classes, layout));
        if (out.isEmpty()) {
            out.addAll(sizeProblems(classes, nTrain, nTest));
        }
        return out;
    }

    /** Problems of the layout and the class list, whatever the sizes; empty when subsets of some size can be drawn. */
    public List<String> classProblems(int[] classes, Layout layout) {
        List<String> out = new ArrayList<>();
        int[] shape = source.train().shape();
        if (layout == Layout.IMAGE && shape.length != 3) {
            out.add("a CNN needs image examples (channels × height × width), but " + source.spec()
                    + " holds vectors of " + shape[0] + " values; use an MLP");
        }
        if (trainCounts == null) {
            if (classes != null) {
                out.add(source.spec() + " is a regression dataset and has no classes; leave classes unset");
            }
        } else {
            classIds(classes, out);
        }
        return out;
    }

    /** Problems of the sizes alone, for a class list without {@link #classProblems}. */
    public List<String> sizeProblems(int[] classes, int nTrain, int nTest) {
        List<String> out = new ArrayList<>();
        if (nTrain < 1 || nTest < 0) {
            out.add("need at least 1 training example and ≥ 0 test examples, got " + nTrain + " and " + nTest);
            return out;
        }
        if (trainCounts == null) {
            regression(nTrain, nTest, out);
            return out;
        }
        int[] ids = classes == null ? java.util.stream.IntStream.range(0, trainCounts.length).toArray() : classes;
        int[] trainPer = Subsets.perClass(nTrain, ids.length);
        int[] testPer = Subsets.perClass(nTest, ids.length);
        List<String> shortTrain = new ArrayList<>();
        List<String> shortTest = new ArrayList<>();
        for (int k = 0; k < ids.length; k++) {
            int c = ids[k];
            int need = testCounts == null ? trainPer[k] + testPer[k] : trainPer[k];
            if (need > trainCounts[c]) {
                shortTrain.add(trainCounts[c] + " of " + className(c));
            }
            if (testCounts != null && testPer[k] > testCounts[c]) {
                shortTest.add(testCounts[c] + " of " + className(c));
            }
        }
        String classesText = " over " + ids.length + " classes need ";
        if (!shortTrain.isEmpty() && testCounts == null) {
            out.add("n = " + nTrain + " training + nTest = " + nTest + " test examples" + classesText
                    + each(trainPer, testPer) + ", drawn disjointly from one part (" + source.spec() + " has no separate "
                    + "test part), but it has " + listed(shortTrain) + "; at most " + most(ids, testPer, trainCounts)
                    + " training examples fit beside " + nTest + " test examples");
        } else if (!shortTrain.isEmpty()) {
            out.add("n = " + nTrain + " training examples" + classesText + each(trainPer, new int[ids.length])
                    + ", but the training part of " + source.spec() + " has " + listed(shortTrain) + "; at most "
                    + most(ids, new int[ids.length], trainCounts) + " can be drawn");
        }
        if (!shortTest.isEmpty()) {
            out.add("nTest = " + nTest + " test examples" + classesText + each(testPer, new int[ids.length])
                    + ", but the test part of " + source.spec() + " has " + listed(shortTest) + "; at most "
                    + most(ids, new int[ids.length], testCounts) + " can be drawn");
        }
        if (!shortTrain.isEmpty() && classes == null) {
            emptyClassHint(out);
        }
        return out;
    }

    private void regression(int nTrain, int nTest, List<String> out) {
        int pool = source.train().size();
        if (source.test().isEmpty() && (long) nTrain + nTest > pool) {
            out.add(nTrain + " training + " + nTest + " test examples are requested but " + source.spec() + " holds "
                    + pool + " (no separate test part, so both come from those)");
        } else if (source.test().isPresent() && (nTrain > pool || nTest > source.test().get().size())) {
            out.add(nTrain + " training and " + nTest + " test examples are requested; the parts of " + source.spec()
                    + " hold " + pool + " and " + source.test().get().size());
        }
    }

    /** Adds the problems that make the requested class ids unusable. */
    private void classIds(int[] classes, List<String> out) {
        int count = trainCounts.length;
        int[] ids = classes == null ? java.util.stream.IntStream.range(0, count).toArray() : classes;
        List<String> unknown = new ArrayList<>();
        boolean[] seen = new boolean[count];
        for (int c : ids) {
            if (c < 0 || c >= count) {
                unknown.add(Integer.toString(c));
            } else if (seen[c]) {
                out.add("class " + c + " is requested twice");
            } else {
                seen[c] = true;
            }
        }
        if (!unknown.isEmpty()) {
            out.add(source.spec() + " has classes 0.." + (count - 1) + names() + "; there is no class "
                    + String.join(", ", unknown));
        }
        if (ids.length < 2) {
            out.add("a classification subset needs at least 2 classes, got " + ids.length);
        }
    }

    /** The class names when they say more than the ids and are few enough to read. */
    private String names() {
        List<String> names = source.classNames();
        boolean numbered = true;
        for (int c = 0; c < names.size(); c++) {
            numbered &= names.get(c).equals(Integer.toString(c));
        }
        return numbered || names.size() > 20 ? "" : " (" + String.join(", ", names) + ")";
    }

    private String className(int c) {
        String name = source.classNames().get(c);
        return "class " + c + (name.equals(Integer.toString(c)) ? "" : " (" + name + ")");
    }

    /** "500 of each class", or "up to 334 of each class" when the remainder makes the first classes larger. */
    private static String each(int[] per, int[] plus) {
        int first = per[0] + plus[0];
        int last = per[per.length - 1] + plus[plus.length - 1];
        return (first == last ? "" : "up to ") + first + " of each class";
    }

    /** Most examples that fit: each class k takes n/k (+1 for the first n mod k), within its count less {@code taken}. */
    private static int most(int[] ids, int[] taken, int[] counts) {
        int min = Integer.MAX_VALUE;
        for (int k = 0; k < ids.length; k++) {
            min = Math.min(min, Math.max(0, counts[ids[k]] - taken[k]));
        }
        int extra = 0;
        while (extra < ids.length && counts[ids[extra]] - taken[extra] > min) {
            extra++;
        }
        return min * ids.length + extra;
    }

    /** Without a class list every class id up to the largest label is requested, empty ones too: say so. */
    private void emptyClassHint(List<String> out) {
        List<Integer> empty = new ArrayList<>();
        for (int c = 0; c < trainCounts.length; c++) {
            if (trainCounts[c] == 0) {
                empty.add(c);
            }
        }
        if (!empty.isEmpty()) {
            int last = trainCounts.length - 1;
            // The largest label may come from the test part only, or have been left out of this view.
            int at = 0;
            int size = source.train().size();
            while (at < size && source.train().label(at) != last) {
                at++;
            }
            String where = at < size ? " (example " + at + " has label " + last + ")" : "";
            out.add("classes " + ranges(empty) + " have no training examples: the labels of " + source.spec()
                    + " run up to " + last + where + " with gaps; choose the classes to use explicitly");
        }
    }

    /** "3, 10–199" for a sorted list of ids. */
    static String ranges(List<Integer> ids) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); ) {
            int j = i;
            while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
                j++;
            }
            out.add(j == i ? ids.get(i).toString() : ids.get(i) + "–" + ids.get(j));
            i = j + 1;
        }
        return String.join(", ", out);
    }

    private static String listed(List<String> items) {
        if (items.size() <= LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more classes";
    }

    /**
     * "0: 600, 1: 600, 10–199: 0 each" for the classes {@code ids}, {@code counts} indexed by class id: runs of empty
     * classes are collapsed, so a stray label of 200 does not print two hundred entries.
     */
    static String countsText(int[] ids, int[] counts) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.length; ) {
            int j = i;
            while (counts[ids[i]] == 0 && j + 1 < ids.length && counts[ids[j + 1]] == 0 && ids[j + 1] == ids[j] + 1) {
                j++;
            }
            out.add(j > i ? ids[i] + "–" + ids[j] + ": 0 each" : ids[i] + ": " + counts[ids[i]]);
            i = j + 1;
        }
        return String.join(", ", out);
    }
}
