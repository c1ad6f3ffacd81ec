package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fair_acc.dataset.DataSet;

/** Writes chart data sets as long-format CSV: series, x, y (and y error where the series has one). */
final class SeriesCsv {
    private SeriesCsv() {
    }

    static void write(Path file, String xName, String yName, List<? extends DataSet> sets) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("series," + xName + "," + yName + ",y_error");
        for (DataSet ds : sets) {
            for (int i = 0; i < ds.getDataCount(); i++) {
                double err = ds.getDimension() > 1 && ds instanceof io.fair_acc.dataset.DataSetError e
                        ? e.getErrorPositive(DataSet.DIM_Y, i) : Double.NaN;
                lines.add(String.format(Locale.ROOT, "%s,%.8g,%.8g,%s", ds.getName().replace(',', ';'),
                        ds.get(DataSet.DIM_X, i), ds.get(DataSet.DIM_Y, i),
                        Double.isNaN(err) ? "" : String.format(Locale.ROOT, "%.8g", err)));
            }
        }
        Files.write(file, lines);
    }
}
