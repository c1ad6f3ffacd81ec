package org.ntkexplorer.ui.panels;

import java.util.ArrayList;
import java.util.List;

/**
 * The state behind a {@link UnitChooser}, without JavaFX: the units seen so far, the one shown, and whether the
 * choice still follows the newest unit (it does until a person picks one).
 */
final class UnitFollow<K> {
    /** What the chooser does with a unit that has new data. */
    enum Action {
        /** Show it as the program's choice. */
        SELECT,
        /** It is already shown: draw its new data. */
        REDRAW,
        /** Another unit is shown: list it only. */
        LIST
    }

    private final List<K> keys = new ArrayList<>();
    private K shown;
    private boolean following = true;

    /** A unit has new data: listed if new; shown if the choice follows the newest or nothing is shown yet. */
    Action offer(K key) {
        boolean fresh = !keys.contains(key);
        if (fresh) {
            keys.add(key);
        }
        if (following && fresh || shown == null) {
            shown = key;
            return Action.SELECT;
        }
        return key.equals(shown) ? Action.REDRAW : Action.LIST;
    }

    /** The program shows {@code key}, and goes on following the newest. */
    void select(K key) {
        shown = key;
    }

    /** A person picked {@code key}: from now on the choice stays there. */
    void picked(K key) {
        shown = key;
        following = false;
    }

    void reset() {
        keys.clear();
        shown = null;
        following = true;
    }

    boolean following() {
        return following;
    }

    K shown() {
        return shown;
    }
}
