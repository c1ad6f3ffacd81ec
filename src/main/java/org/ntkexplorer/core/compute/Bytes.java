package org.ntkexplorer.core.compute;

import java.util.Locale;

/**
 * Byte counts as the messages print them. Pure (no JavaCPP), so that the launcher can describe its memory split
 * before JavaCPP loads, with the same words as {@link MemoryBudget}.
 */
public final class Bytes {
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;

    private Bytes() {
    }

    public static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    public static String gib(double bytes) {
        double g = bytes / GIB;
        return String.format(Locale.ROOT, g >= 1e6 ? "%.2e GiB" : "%,.2f GiB", g);
    }
}
