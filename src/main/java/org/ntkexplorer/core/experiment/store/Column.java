package org.ntkexplorer.core.experiment.store;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One column of a run-folder CSV: its name, written here once, and how a row's value becomes its cell. Reading goes
 * through the same object ({@link RowSchema.Cells#number(Column)} and friends), so a column cannot be written under
 * one name and read under another, and cells are never matched by position.
 *
 * @param <R> the row record
 */
public final class Column<R> {
    final String name;
    private final Function<R, String> cell;

    private Column(String name, Function<R, String> cell) {
        this.name = name;
        this.cell = cell;
    }

    public String cell(R row) {
        return cell.apply(row);
    }

    /** A whole number that is always there (n, seed, index). */
    public static <R> Column<R> whole(String name, ToLongFunction<R> get) {
        return new Column<>(name, r -> Long.toString(get.applyAsLong(r)));
    }

    /** A count that may be unmeasured: negative values are written as an empty cell and read back as -1. */
    public static <R> Column<R> count(String name, ToLongFunction<R> get) {
        return new Column<>(name, r -> RowSchema.count(get.applyAsLong(r)));
    }

    /** A measured number, six significant digits, empty for NaN: what every number cell of a run folder holds. */
    public static <R> Column<R> number(String name, ToDoubleFunction<R> get) {
        return new Column<>(name, r -> RowSchema.num(get.applyAsDouble(r)));
    }

    /** Seconds of wall time, to the millisecond (not a result: left out when runs are compared). */
    public static <R> Column<R> seconds(String name, ToDoubleFunction<R> get) {
        return new Column<>(name, r -> String.format(Locale.ROOT, "%.3f", get.applyAsDouble(r)));
    }

    /** true, false, or empty when there was nothing to decide. */
    public static <R> Column<R> flag(String name, Function<R, Boolean> get) {
        return new Column<>(name, r -> RowSchema.flag(get.apply(r)));
    }

    /** Text without commas or line breaks (CsvTable refuses those when writing). */
    public static <R> Column<R> text(String name, Function<R, String> get) {
        return new Column<>(name, get);
    }

    @Override
    public String toString() {
        return name;
    }
}
