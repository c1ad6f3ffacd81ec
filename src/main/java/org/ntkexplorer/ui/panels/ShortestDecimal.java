package org.ntkexplorer.ui.panels;

import java.math.BigDecimal;

/**
 * How the panels write a number into CSV and captions. Plain Java, apart from the chart classes, so that the panels'
 * view-models can use it without reaching ChartFX.
 */
final class ShortestDecimal {
    private ShortestDecimal() {
    }

    /** The shortest decimal that reads back as the same double: 64 for 64.0, 0.1 for 0.1, 1.5E-7. */
    static String of(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "" : v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(Double.toString(v));
        return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e15 ? d.toPlainString() : Double.toString(v);
    }
}
