package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The heatmap's spacing rule for class ids on a crowded strip: ten classes of three samples along a 60 px square,
 * ids 7 px wide and 12 px high, so that placed side by side they would run together.
 */
class HeatmapLabelsTest {
    private static final int[] CROWDED = new int[30];

    static {
        for (int i = 0; i < CROWDED.length; i++) {
            CROWDED[i] = i / 3;
        }
    }

    private static List<HeatmapModel.Box> boxes(boolean spaced) {
        return HeatmapModel.classLabels(CROWDED, 16, 14, 60, text -> 7.0 * text.length(), 12, spaced).stream()
                .map(HeatmapModel.ClassLabel::box).toList();
    }

    @Test
    void onACrowdedStripSomeIdsAreDrawnAndNoneTouch() {
        List<HeatmapModel.Box> drawn = boxes(true);
        assertTrue(drawn.size() >= 4, "some ids on each edge: " + drawn.size());
        assertTrue(drawn.size() < 20, "not every id fits: " + drawn.size());
        assertFalse(HeatmapModel.overlap(drawn), drawn.toString());
    }

    /** The control: every id placed, the rule bypassed, and the check finds them overlapping. */
    @Test
    void withoutTheRuleTheCheckFindsTheOverlap() {
        List<HeatmapModel.Box> all = boxes(false);
        assertTrue(all.size() == 20, "every id on both edges: " + all.size());
        assertTrue(HeatmapModel.overlap(all), "6 px apart, 7 px wide: the check must see them touch");
    }
}
