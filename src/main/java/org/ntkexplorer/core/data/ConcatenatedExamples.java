package org.ntkexplorer.core.data;

import java.util.List;

/** Several parts read as one, e.g. the five CIFAR-10 training batches. */
final class ConcatenatedExamples implements ExampleArray {
    private final List<ExampleArray> parts;
    private final int[] starts;

    ConcatenatedExamples(List<ExampleArray> parts) {
        this.parts = List.copyOf(parts);
        starts = new int[parts.size() + 1];
        for (int k = 0; k < parts.size(); k++) {
            starts[k + 1] = Math.addExact(starts[k], parts.get(k).size());
        }
    }

    private int part(int i) {
        for (int k = 0; k < parts.size(); k++) {
            if (i >= starts[k] && i < starts[k + 1]) {
                return k;
            }
        }
        throw new IndexOutOfBoundsException("example " + i + " of " + size());
    }

    @Override
    public int size() {
        return starts[parts.size()];
    }

    @Override
    public int[] shape() {
        return parts.get(0).shape();
    }

    @Override
    public int label(int i) {
        int k = part(i);
        return parts.get(k).label(i - starts[k]);
    }

    @Override
    public void copyExample(int i, double[] dst, int off) {
        int k = part(i);
        parts.get(k).copyExample(i - starts[k], dst, off);
    }

    @Override
    public double rawMax() {
        return parts.get(0).rawMax();
    }
}
