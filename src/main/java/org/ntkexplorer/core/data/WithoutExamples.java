package org.ntkexplorer.core.data;

import java.util.Arrays;

/**
 * A dataset whose training part lacks some examples: the ones another subset already uses, so that what is drawn
 * from this view is disjoint from them (a pre-training set kept apart from the kernel-regression training sets).
 * When the dataset has no separate test part, the excluded examples should include the test examples drawn from the
 * training part, or they could be drawn again here.
 */
public final class WithoutExamples extends DatasetView {
    private final ExampleArray train;

    /** @param excluded indices into the training part to leave out */
    public WithoutExamples(DatasetSource source, int[] excluded) {
        super(source);
        ExampleArray all = source.train();
        boolean[] out = new boolean[all.size()];
        for (int i : excluded) {
            out[i] = true;
        }
        int[] kept = java.util.stream.IntStream.range(0, all.size()).filter(i -> !out[i]).toArray();
        this.train = new Subset(all, kept);
    }

    @Override
    public String description() {
        return source.description() + " (without " + (source.train().size() - train.size()) + " training examples)";
    }

    @Override
    public ExampleArray train() {
        return train;
    }

    /** The examples of a part at the kept indices, in order. */
    private record Subset(ExampleArray all, int[] kept) implements ExampleArray {
        @Override
        public int size() {
            return kept.length;
        }

        @Override
        public int[] shape() {
            return all.shape();
        }

        @Override
        public int label(int i) {
            return all.label(kept[i]);
        }

        @Override
        public void copyExample(int i, double[] dst, int off) {
            all.copyExample(kept[i], dst, off);
        }

        @Override
        public double rawMax() {
            return all.rawMax();
        }

        @Override
        public void copyTarget(int i, double[] dst, int off) {
            all.copyTarget(kept[i], dst, off);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subset s && s.all == all && Arrays.equals(s.kept, kept);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(kept);
        }
    }
}
