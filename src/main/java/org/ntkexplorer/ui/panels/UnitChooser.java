package org.ntkexplorer.ui.panels;

import java.util.function.Consumer;
import java.util.function.Function;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * Which one of several networks (a size, a seed, a width, a richness) a panel shows. It follows the newest one
 * while a run goes on, until a person picks one; from then on it stays there. Hidden while there is only one.
 */
final class UnitChooser<K> extends ComboBox<K> {
    private final Consumer<K> onShow;
    private final UnitFollow<K> follow = new UnitFollow<>();
    private boolean setting;
    /** False where the panel's current view does not pick one network. */
    final javafx.beans.property.BooleanProperty wanted = new javafx.beans.property.SimpleBooleanProperty(true);

    UnitChooser(String what, Function<K, String> label, Consumer<K> onShow) {
        this.onShow = onShow;
        setTooltip(new Tooltip("Which " + what + " to show; the newest while the run goes on, until you pick one"));
        setConverter(new StringConverter<>() {
            @Override
            public String toString(K k) {
                return k == null ? "" : label.apply(k);
            }

            @Override
            public K fromString(String s) {
                return null;
            }
        });
        valueProperty().addListener((o, a, b) -> {
            if (!setting && b != null) {
                follow.picked(b);
            }
            if (b != null) {
                onShow.accept(b);
            }
        });
        visibleProperty().bind(wanted.and(javafx.beans.binding.Bindings.size(getItems()).greaterThan(1)));
        managedProperty().bind(visibleProperty());
    }

    /** A unit has new data: listed if new, and shown if the chooser follows the newest (or it is shown). */
    void offer(K key) {
        UnitFollow.Action action = follow.offer(key);
        if (!getItems().contains(key)) {
            getItems().add(key);
        }
        if (action == UnitFollow.Action.SELECT) {
            select(key);
        } else if (action == UnitFollow.Action.REDRAW) {
            onShow.accept(key);
        }
    }

    /** Shows a unit as the program's choice, without ending "follow the newest". */
    void select(K key) {
        follow.select(key);
        setting = true;
        try {
            setValue(key);
        } finally {
            setting = false;
        }
    }

    void reset() {
        setting = true;
        try {
            getItems().clear();
            setValue(null);
        } finally {
            setting = false;
        }
        follow.reset();
    }
}
