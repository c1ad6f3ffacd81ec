package org.ntkexplorer.ui.form;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** How the form shows numbers and reads what was typed. */
final class FormText {
    private FormText() {
    }

    static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    static String join(double[] v) {
        return Arrays.stream(v).mapToObj(FormText::number).collect(Collectors.joining(", "));
    }

    /** At most six significant digits, no trailing zeros, no exponent for everyday sizes (1.41421, 0.0001, 64). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        return Math.abs(v) >= 1e-6 && Math.abs(v) < 1e15 ? d.toPlainString() : d.toString();
    }

    /** The parts of a list typed with commas or spaces. */
    static List<String> parts(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split("[,;\\s]+")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    static Long whole(String text) {
        String t = text.trim();
        if (!t.matches("[+-]?\\d{1,15}")) {
            return null;
        }
        return Long.parseLong(t);
    }

    static Double decimal(String text) {
        String t = text.trim().replace('−', '-');
        if (t.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
