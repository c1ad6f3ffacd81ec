package org.ntkexplorer.core.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layout of one CSV file of a run folder: its columns, and how a row record becomes cells and back. Cells are
 * read by column name, so a file written by an older version (fewer columns) still reads, with its missing cells
 * empty.
 *
 * @param <R> the row record
 */
interface RowSchema<R> {

    /** The file's name in the run folder. */
    String file();

    List<String> columns();

    /** The row's cells, in {@link #columns()} order. */
    String[] cells(R row);

    /**
     * What a row measures, e.g. (learner, n, seed, α) of a result: a second row with the same key is the same
     * measurement again (a doubled line), never a second sample. Null: rows of this file have no key.
     */
    default Object key(R row) {
        return null;
    }

    /** A row from its cells by column name; throws IllegalArgumentException on a cell it cannot read. */
    R parse(Cells cells);

    /** One row's cells by column name; a column the file does not have reads as empty. */
    record Cells(Map<String, String> byName) {
        String text(String column) {
            return byName.getOrDefault(column, "");
        }

        int integer(String column) {
            return Integer.parseInt(required(column));
        }

        long whole(String column) {
            return Long.parseLong(required(column));
        }

        /** NaN for an empty cell. */
        double number(String column) {
            String s = text(column);
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }

        /** -1 for an empty cell. */
        long wholeOrMinus1(String column) {
            String s = text(column);
            return s.isEmpty() ? -1 : Long.parseLong(s);
        }

        /** null for an empty cell. */
        Boolean flag(String column) {
            String s = text(column);
            if (s.isEmpty()) {
                return null;
            }
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException(column + " is '" + s + "', not true or false");
            }
            return Boolean.parseBoolean(s);
        }

        private String required(String column) {
            String s = text(column);
            if (s.isEmpty()) {
                throw new IllegalArgumentException(column + " is empty");
            }
            return s;
        }
    }

    /** Six significant digits, empty for NaN: what every number cell of a run folder holds. */
    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Empty for a negative count (not measured). */
    static String count(long v) {
        return v < 0 ? "" : Long.toString(v);
    }

    static String flag(Boolean b) {
        return b == null ? "" : b.toString();
    }
}
