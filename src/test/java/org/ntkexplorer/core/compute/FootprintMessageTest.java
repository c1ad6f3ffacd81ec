package org.ntkexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Issue 22 case 14: "needs about 6.22 GiB (…, parts of 12 and 8 GiB)". No listed part may exceed the total. */
class FootprintMessageTest {
    private static final double GIB = 1L << 30;

    @Test
    void noListedPartExceedsTheTotalTheMessageNames() {
        // Parts mixing heap and off-heap: the off-heap check must list off-heap shares, not each part's total.
        Footprint f = Footprint.of("kernel regression", 8 * GIB, 8 * GIB)
                .plus(Footprint.of("NNGP and NTK", 6 * GIB, 6 * GIB));
        // 14 GiB off-heap is beyond the ceiling of a test JVM; the parts' totals (16 and 12 GiB) are not its terms.
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> MemoryBudget.require("A job", f, "-"));
        assertTotalIsLargest(e.getMessage());
        assertTrue(f.describeOffHeap().contains("kernel regression 8.00 GiB"), f.describeOffHeap());
        assertTrue(f.describe().contains("kernel regression 16.00 GiB"), f.describe());
    }

    @Test
    void aHeapRefusalListsHeapShares() {
        Footprint f = Footprint.of("off-heap kernel", 1 << 20, 0)
                .plus(Footprint.of("Java arrays", 0, 1e14)).plus(Footprint.of("mixed", 1 << 20, 1e13));
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> MemoryBudget.require("A heap job", f, "-"));
        assertTotalIsLargest(e.getMessage());
    }

    @Test
    void theSlurmAdviceComesOnlyInsideASlurmJob() {
        String outside = MemoryBudget.tooLittle(3L << 30, 40, false);
        assertTrue(outside.startsWith("This machine has 3.00 GiB free now, too little") && !outside.contains("Slurm"),
                outside);
        assertTrue(MemoryBudget.tooLittle(3L << 30, 40, true).endsWith("(in this Slurm job, ask for --mem=40G)."));
    }

    /** The first "needs about X GiB" is the total; every "name Y GiB" in the parentheses after it is ≤ X. */
    private static void assertTotalIsLargest(String message) {
        Matcher total = Pattern.compile("needs about ([0-9.,e+]+) GiB").matcher(message);
        assertTrue(total.find(), message);
        double t = parse(total.group(1));
        int open = message.indexOf('(', total.end());
        int close = message.indexOf(')', open);
        Matcher part = Pattern.compile("([0-9.,e+]+) GiB").matcher(message.substring(open, close));
        while (part.find()) {
            assertTrue(parse(part.group(1)) <= t * (1 + 1e-9), "part " + part.group() + " > total in: " + message);
        }
    }

    private static double parse(String s) {
        return Double.parseDouble(s.replace(",", ""));
    }
}
