package org.ntkexplorer.core.experiment.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The layout of one CSV file of a run folder: its columns, and how a row record becomes cells and back. Cells are
 * read by column name, so a file written by an older version (fewer columns) still reads, with its missing cells
 * empty.
 *
 * @param <R> the row record
 */
public interface RowSchema<R> {

    /**
     * The schema of a file whose columns are {@code columns}, in that order: cells are written from the columns,
     * and {@code parse} reads a row back through the same column objects.
     *
     * @param key what a row measures (see {@link #key}); null when rows of the file have no key
     */
    public static <R> RowSchema<R> of(String file, List<Column<R>> columns, Function<Cells, R> parse, Function<R, Object> key) {
        List<String> names = columns.stream().map(c -> c.name).toList();
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(file + " names a column twice: " + names);
        }
        return new RowSchema<>() {
            @Override
            public String file() {
                return file;
            }

            @Override
            public List<String> columns() {
                return names;
            }

            @Override
            public String[] cells(R row) {
                String[] out = new String[columns.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = columns.get(i).cell(row);
                }
                return out;
            }

            @Override
            public Object key(R row) {
                return key == null ? null : key.apply(row);
            }

            @Override
            public R parse(Cells cells) {
                return parse.apply(cells);
            }
        };
    }

    public static <R> RowSchema<R> of(String file, List<Column<R>> columns, Function<Cells, R> parse) {
        return of(file, columns, parse, null);
    }

    /** The file's name in the run folder. */
    String file();

    List<String> columns();

    /** The row's cells, in {@link #columns()} order. */
    String[] cells(R row);

    /**
     * What a row measures, e.g. (learner, n, seed, α) of a result: a second row with the same key is the same
     * measurement again (a doubled line), never a second sample. Null: rows of this file have no key.
     */
    public default Object key(R row) {
        return null;
    }

    /** A row from its cells by column name; throws IllegalArgumentException on a cell it cannot read. */
    R parse(Cells cells);

    /**
     * One row's cells by column name; a column the file does not have reads as empty. Read through the schema's
     * {@link Column}s only: the by-name readers are private so no column name is spelled a second time.
     */
    public record Cells(Map<String, String> byName) {
        private String text(String column) {
            return byName.getOrDefault(column, "");
        }

        private int integer(String column) {
            return Integer.parseInt(required(column));
        }

        private long whole(String column) {
            return Long.parseLong(required(column));
        }

        /** NaN for an empty cell. */
        private double number(String column) {
            String s = text(column);
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }

        /** -1 for an empty cell. */
        private long wholeOrMinus1(String column) {
            String s = text(column);
            return s.isEmpty() ? -1 : Long.parseLong(s);
        }

        /** null for an empty cell. */
        private Boolean flag(String column) {
            String s = text(column);
            if (s.isEmpty()) {
                return null;
            }
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException(column + " is '" + s + "', not true or false");
            }
            return Boolean.parseBoolean(s);
        }

        public String text(Column<?> c) {
            return text(c.name);
        }

        public int integer(Column<?> c) {
            return integer(c.name);
        }

        public long whole(Column<?> c) {
            return whole(c.name);
        }

        public double number(Column<?> c) {
            return number(c.name);
        }

        public long count(Column<?> c) {
            return wholeOrMinus1(c.name);
        }

        public Boolean flag(Column<?> c) {
            return flag(c.name);
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
    public static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Empty for a negative count (not measured). */
    public static String count(long v) {
        return v < 0 ? "" : Long.toString(v);
    }

    public static String flag(Boolean b) {
        return b == null ? "" : b.toString();
    }
}
