package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.DataSetError;

/**
 * Chart data as long-format CSV (series, x, y, y_error): names quoted as RFC 4180 quotes them, numbers written
 * plainly (64, 0.2471, 1.5E-7), so spreadsheets, pandas and R read them without help.
 */
public final class SeriesCsv {
    private SeriesCsv() {
    }

    static void write(Path file, String xName, String yName, List<? extends DataSet> sets) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", quote("series"), quote(xName), quote(yName), quote("y_error")));
        for (DataSet ds : sets) {
            for (int i = 0; i < ds.getDataCount(); i++) {
                double err = ds instanceof DataSetError e && e.getErrorType(DataSet.DIM_Y) != DataSetError.ErrorType.NO_ERROR
                        ? e.getErrorPositive(DataSet.DIM_Y, i) : Double.NaN;
                lines.add(String.join(",", quote(ds.getName()), ShortestDecimal.of(ds.get(DataSet.DIM_X, i)),
                        ShortestDecimal.of(ds.get(DataSet.DIM_Y, i)),
                        Double.isNaN(err) ? "" : ShortestDecimal.of(err)));
            }
        }
        Files.write(file, lines);
    }

    /** A field in double quotes, inner quotes doubled. */
    public static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
