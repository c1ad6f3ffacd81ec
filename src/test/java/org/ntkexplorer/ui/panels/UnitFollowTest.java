package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.ui.panels.UnitFollow.Action;

/** The chooser's rule, without a window: follow the newest unit until a person picks one. */
class UnitFollowTest {

    @Test
    void followsTheNewestUnitWhileNobodyHasPicked() {
        UnitFollow<Integer> f = new UnitFollow<>();
        assertEquals(Action.SELECT, f.offer(256));
        assertEquals(Action.REDRAW, f.offer(256), "more data of the unit shown");
        assertEquals(Action.SELECT, f.offer(1024), "a new unit is shown at once");
        assertEquals(Action.LIST, f.offer(256), "an older unit's data does not take the view back");
        assertEquals(1024, f.shown());
        assertTrue(f.following());
    }

    @Test
    void aPersonsPickStaysThroughNewUnits() {
        UnitFollow<Integer> f = new UnitFollow<>();
        f.offer(256);
        f.offer(1024);
        f.picked(256);
        assertFalse(f.following());
        assertEquals(Action.LIST, f.offer(4096));
        assertEquals(Action.REDRAW, f.offer(256));
        assertEquals(256, f.shown());
    }

    @Test
    void theProgramsOwnChoiceKeepsFollowingAndResetStartsOver() {
        UnitFollow<Integer> f = new UnitFollow<>();
        f.offer(256);
        f.offer(1024);
        f.select(256);
        assertTrue(f.following());
        assertEquals(Action.SELECT, f.offer(4096));
        f.picked(256);
        f.reset();
        assertNull(f.shown());
        assertTrue(f.following());
        assertEquals(Action.SELECT, f.offer(256), "after a reset a known key is new again");
    }
}
