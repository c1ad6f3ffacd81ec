package org.ntkexplorer.core.compute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A job's estimated peak memory, kept by part so that a refusal can say which part is too large and so what to
 * change. Bytes are doubles: the estimate of an impossible job (a width of 10⁹) overflows a long.
 */
public record Footprint(List<Part> parts) {
    public static final Footprint NONE = new Footprint(List.of());

    /** One named part: ND4J arrays and native buffers off the heap, and Java arrays on it. */
    public record Part(String what, double offHeapBytes, double heapBytes) {
        double total() {
            return offHeapBytes + heapBytes;
        }
    }

    public Footprint {
        parts = List.copyOf(parts);
    }

    public static Footprint of(String what, double offHeapBytes, double heapBytes) {
        return new Footprint(List.of(new Part(what, offHeapBytes, heapBytes)));
    }

    /** Both at once: the parts of each, together. */
    public Footprint plus(Footprint other) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        return new Footprint(all);
    }

    /** The larger of two alternatives that never coexist (steps of a job that run one after the other). */
    public static Footprint larger(Footprint a, Footprint b) {
        return b.totalBytes() > a.totalBytes() ? b : a;
    }

    public double offHeapBytes() {
        return parts.stream().mapToDouble(Part::offHeapBytes).sum();
    }

    public double heapBytes() {
        return parts.stream().mapToDouble(Part::heapBytes).sum();
    }

    public double totalBytes() {
        return offHeapBytes() + heapBytes();
    }

    /** The part that contributes most; the refusal's advice is about it. */
    public Part largestPart() {
        return parts.stream().max(Comparator.comparingDouble(Part::total)).orElse(new Part("nothing", 0, 0));
    }

    /** "network parameters 2.00 GiB, kernel 1.00 GiB", largest first, parts under 1% of the total left out. */
    public String describe() {
        return describe(Part::total);
    }

    /** As {@link #describe()}, each part by its off-heap bytes only: what an off-heap total is the sum of. */
    public String describeOffHeap() {
        return describe(Part::offHeapBytes);
    }

    /** As {@link #describe()}, each part by its heap bytes only. */
    public String describeHeap() {
        return describe(Part::heapBytes);
    }

    /** Every listed figure is one term of the sum that {@code size} totals, so none exceeds that total. */
    private String describe(java.util.function.ToDoubleFunction<Part> size) {
        double total = parts.stream().mapToDouble(size).sum();
        List<String> out = new ArrayList<>();
        parts.stream().filter(p -> size.applyAsDouble(p) > 0 && size.applyAsDouble(p) >= 0.01 * total)
                .sorted(Comparator.comparingDouble(size).reversed())
                .forEach(p -> out.add(p.what() + " " + MemoryBudget.gib(size.applyAsDouble(p))));
        return String.join(", ", out);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", MemoryBudget.gib(totalBytes()), describe());
    }
}
