package org.ntkexplorer.ui.panels;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.FitEntry;


/**
 * The fitted exponents of a scaling panel's metric, one row per learner in the learner's colour. Its columns are as
 * wide as their widest text at the current text size (an even split showed "0…" and "infinit…" at 720p); the learner
 * names wrap.
 */
public final class AlphaTable extends TableView<AlphaTable.Row> {
    /** One learner's fit; {@code notConverged} names networks that hit their step cap before the stopping rule. */
    public record Row(String learner, double alpha, double ciLow, double ciHigh, double rSquared, int points,
                      List<String> notConverged) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    AlphaTable() {
        setItems(rows);
        TableColumn<Row, String> learner = column("learner", Row::learner);
        learner.setCellFactory(c -> new LearnerCell());
        getColumns().add(learner);
        getColumns().add(column("α", r -> fmt(r.alpha())));
        getColumns().add(column("95 % interval", r -> Double.isNaN(r.ciLow()) || Double.isNaN(r.ciHigh())
                ? org.ntkexplorer.core.scaling.PowerLawFitResult.NEEDS_SEEDS
                : "[" + fmt(r.ciLow()) + ", " + fmt(r.ciHigh()) + "]"));
        getColumns().add(column("R²", r -> fmt(r.rSquared())));
        getColumns().add(column("points", r -> Integer.toString(r.points())));
        getColumns().add(column("not converged", r -> r.notConverged().isEmpty() ? ""
                : "✱ " + String.join(", ", r.notConverged())));
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setMinWidth(USE_PREF_SIZE);

        setPlaceholder(new Label("α appears once a learner\nhas two sizes"));
        setId("alpha-table");
        setTooltip(new Tooltip("α of L = a·n^(−α) per learner with its 95 % bootstrap interval over seeds; ✱ networks "
                + "that hit their step cap before meeting the stopping rule"));
    }

    private static TableColumn<Row, String> column(String name, Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    /** A learner's name, wrapped, after a swatch of its colour. */
    private static final class LearnerCell extends javafx.scene.control.TableCell<Row, String> {
        LearnerCell() {
            setWrapText(true);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(10, 10);
            swatch.setFill(java.util.Arrays.stream(Learner.values()).filter(l -> l.id().equals(item)).findFirst()
                    .map(Charts::colour).orElse(javafx.scene.paint.Color.GRAY));
            setGraphic(swatch);
        }
    }

    private javafx.scene.text.Font fitFor;

    /** The text's font as the style sheet (and so the text scale) sets it: that of the column headers. */
    private javafx.scene.text.Font font() {
        javafx.scene.Node header = lookup(".column-header .label");
        return header instanceof Label l ? l.getFont() : javafx.scene.text.Font.getDefault();
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        // The text scale changed: the columns follow their text.
        if (!font().equals(fitFor)) {
            fitColumns();
        }
    }

    /** Each column as wide as its widest text (header or cell); the learner column as its longest word. */
    void fitColumns() {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        javafx.scene.text.Font font = font();
        fitFor = font;
        probe.setFont(font);
        double total = 0;
        for (int c = 0; c < getColumns().size(); c++) {
            @SuppressWarnings("unchecked")
            TableColumn<Row, String> col = (TableColumn<Row, String>) getColumns().get(c);
            probe.setText(col.getText());
            double w = probe.getLayoutBounds().getWidth();
            for (Row r : rows) {
                String v = col.getCellObservableValue(r).getValue();
                for (String part : c == 0 ? v.split("-") : new String[] {v}) {
                    probe.setText(c == 0 ? part + "-" : part);
                    w = Math.max(w, probe.getLayoutBounds().getWidth() + (c == 0 ? 16 : 0));
                }
            }
            double width = Math.ceil(w + 1.1 * font.getSize());
            if (c == getColumns().size() - 1) {
                // The ✱ column only when a learner has networks that hit their step cap.
                col.setVisible(rows.stream().anyMatch(r -> !r.notConverged().isEmpty()));
                if (!col.isVisible()) {
                    continue;
                }
            }
            col.setPrefWidth(width);
            col.setMinWidth(width);
            total += width;
        }
        setPrefWidth(total + 4);
    }

    /** Whether every cell's text fits its column without an ellipsis (tests). */
    public boolean cellsFit() {
        return lookupAll(".table-cell").stream().filter(n -> n instanceof javafx.scene.control.Labeled)
                .map(n -> (javafx.scene.control.Labeled) n).filter(l -> l.getText() != null && !l.getText().isEmpty())
                .noneMatch(l -> {
                    javafx.scene.text.Text shown = (javafx.scene.text.Text) l.lookup(".text");
                    return shown != null && !shown.getText().equals(l.getText()) && !l.isWrapText();
                });
    }

    void show(Map<Learner, FitEntry> fits) {
        rows.setAll(fits.entrySet().stream().map(e -> new Row(e.getKey().id(), e.getValue().fit().alpha(),
                e.getValue().fit().ciLow(), e.getValue().fit().ciHigh(), e.getValue().fit().rSquared(),
                e.getValue().fit().pointsUsed(), e.getValue().notConverged())).toList());
        fitColumns();
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }
}
