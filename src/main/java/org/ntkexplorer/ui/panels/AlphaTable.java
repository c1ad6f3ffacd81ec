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

import org.ntkexplorer.core.experiment.Fits;
import org.ntkexplorer.core.experiment.Learner;

/** The fitted exponents of a scaling panel's metric, one row per learner. */
public final class AlphaTable extends TableView<AlphaTable.Row> {
    /** One learner's fit; {@code notConverged} names networks that hit their step cap before the stopping rule. */
    public record Row(String learner, double alpha, double ciLow, double ciHigh, double rSquared, int points,
                      List<String> notConverged) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    AlphaTable() {
        setItems(rows);
        getColumns().add(column("learner", Row::learner));
        getColumns().add(column("α", r -> fmt(r.alpha())));
        getColumns().add(column("95 % interval", r -> Double.isNaN(r.ciLow()) || Double.isNaN(r.ciHigh())
                ? org.ntkexplorer.core.scaling.PowerLawFitResult.NEEDS_SEEDS
                : "[" + fmt(r.ciLow()) + ", " + fmt(r.ciHigh()) + "]"));
        getColumns().add(column("R²", r -> fmt(r.rSquared())));
        getColumns().add(column("points", r -> Integer.toString(r.points())));
        getColumns().add(column("not converged", r -> r.notConverged().isEmpty() ? ""
                : "✱ " + String.join(", ", r.notConverged())));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPrefWidth(330);
        setMinWidth(260);
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

    void show(Map<Learner, Fits.Entry> fits) {
        rows.setAll(fits.entrySet().stream().map(e -> new Row(e.getKey().id(), e.getValue().fit().alpha(),
                e.getValue().fit().ciLow(), e.getValue().fit().ciHigh(), e.getValue().fit().rSquared(),
                e.getValue().fit().pointsUsed(), e.getValue().notConverged())).toList());
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }
}
