package org.ntkexplorer.core.experiment.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A schema is its list of columns: written and read through the same objects, each name once. */
class RowSchemaTest {

    @Test
    void aColumnNamedTwiceIsRefused() {
        Column<WidthRow> a = Column.whole("seed", WidthRow::seed);
        Column<WidthRow> b = Column.number("seed", WidthRow::testError);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowSchema.of("x.csv", List.of(a, b), c -> null));
        assertTrue(e.getMessage().contains("names a column twice"), e.getMessage());
    }

    @Test
    void cellsFollowTheColumnsAndReadBackToTheSameRow() {
        WidthRow row = new WidthRow(256, 3, 0.125, Double.NaN, 0.2, 0.31, -1, null);
        String[] cells = WidthRow.SCHEMA.cells(row);
        List<String> columns = WidthRow.SCHEMA.columns();
        assertEquals(columns.size(), cells.length);
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            byName.put(columns.get(i), cells[i]);
        }
        assertEquals("", byName.get("kernel_movement"), "NaN is written empty");
        assertEquals("", byName.get("steps"), "an unmeasured count is written empty");
        assertEquals(row, WidthRow.SCHEMA.parse(new RowSchema.Cells(byName)));
    }
}
