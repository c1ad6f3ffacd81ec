package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.KernelPicture;

/** What the heatmap paints and says for a network's probe kernel, from the snapshots alone: no window, no toolkit. */
class HeatmapModelTest {
    private static final int[] CLASSES = {0, 0, 1, 1, 2, 2};

    /**
     * A probe kernel of six samples ordered by class, as ProbeSnapshots sends it: K(x,x) = 4, 2 within a class,
     * {@code between} across classes. Its cosine is 1 on the diagonal, 0.5 within a class and between/4 across.
     */
    private static KernelPicture kernel(float between, int[] labels) {
        int n = 6;
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = i == j ? 4 : CLASSES[i] == CLASSES[j] ? 2 : between;
            }
        }
        return new KernelPicture(n, v, labels);
    }

    private static ExperimentEvent.KernelSnapshot snap(long seed, int n, int epoch, KernelPicture k) {
        return new ExperimentEvent.KernelSnapshot(seed, n, epoch, epoch * 10L, new double[] {3, 1}, 1.5, -1, 0.1,
                0.01, 0.99, 0.4, Double.NaN, k);
    }

    @Test
    void theLatestKernelOfEachNetworkWithItsColoursAndWords() {
        HeatmapModel m = new HeatmapModel();
        assertFalse(m.hasData());
        SpectrumModel.Net a = new SpectrumModel.Net(0, 128);
        SpectrumModel.Net b = new SpectrumModel.Net(1, 128);
        List<SpectrumModel.Net> touched = m.accept(List.of(snap(0, 128, 0, kernel(0.5f, CLASSES)),
                snap(1, 128, 0, null), snap(1, 128, 0, kernel(0.5f, CLASSES)), snap(0, 128, 3, kernel(1f,
                        CLASSES))));
        assertEquals(List.of(a, b), touched, "each network once, in order; a snapshot without a kernel draws none");
        assertTrue(m.accept(List.of(snap(2, 128, 0, null))).isEmpty());
        HeatmapModel.Shown s = m.show(a);
        assertTrue(m.hasData());
        assertEquals(3, s.snapshot().epoch(), "the latest snapshot");
        assertEquals("Network at n = 128, seed 0, epoch 3; 6 probe samples; colours from 0.25 to 1.00.", s.legend());
        assertEquals("n = 128, seed 0, epoch 3: the kernel, samples by class.", s.caption());
        assertEquals("1.00", s.highLabel());
        assertEquals("0.25", s.lowLabel());
        float[] unit = s.colouring().unit();
        assertEquals(1, unit[0], 1e-6, "the diagonal is the top of the bar");
        assertEquals((0.5 - 0.25) / 0.75, unit[1], 1e-6, "same class");
        assertEquals(0, unit[2], 1e-6, "different classes: the bottom");
        assertEquals("Network at n = 128, seed 1, epoch 0; 6 probe samples; colours from 0.13 to 1.00.",
                m.show(b).legend());
    }

    @Test
    void theSquareItsClassIdsBoundariesAndWhatIsUnderTheMouse() {
        HeatmapModel m = new HeatmapModel();
        assertNull(m.square(400, 300, 10), "nothing shown, nothing to place");
        SpectrumModel.Net a = new SpectrumModel.Net(0, 64);
        m.accept(List.of(snap(0, 64, 0, kernel(0.5f, CLASSES))));
        m.show(a);
        assertNull(m.square(50, 300, 10), "too narrow to draw");
        HeatmapModel.Square sq = m.square(400, 300, 10);
        // Left 16 and top 14 for the ids; the height limits the side: 300 − 14 − 2.
        assertEquals(new HeatmapModel.Square(16, 14, 284, 10), sq);
        assertEquals(List.of(284 * 2 / 6.0, 284 * 4 / 6.0), m.classBoundaries(sq));
        List<HeatmapModel.ClassLabel> labels = m.classLabels(sq, t -> 6.0 * t.length(), 12);
        assertEquals(6, labels.size(), "three classes on two edges, room for all");
        assertEquals("1", labels.get(2).text());
        assertEquals(16 + 284 / 2.0, labels.get(2).x(), 1e-9, "centred on its class along the top");
        assertFalse(HeatmapModel.overlap(labels.stream().map(HeatmapModel.ClassLabel::box).toList()));
        assertEquals("row: class 0, column: class 2", m.classesAt(16 + 283, 14 + 1, sq));
        assertEquals("row: class 1, column: class 1", m.classesAt(16 + 142, 14 + 142, sq));
        assertTrue(m.classesAt(5, 5, sq).contains("point at the square"));
        assertEquals("Samples by class along both edges", m.classesAt(100, 100, null), "not drawn");
    }

    @Test
    void regressionDataHasNoClassesToMark() {
        HeatmapModel m = new HeatmapModel();
        m.accept(List.of(snap(0, 64, 0, kernel(0.5f, null))));
        m.show(new SpectrumModel.Net(0, 64));
        HeatmapModel.Square sq = m.square(400, 300, 10);
        assertTrue(m.classLabels(sq, t -> 6.0, 12).isEmpty());
        assertTrue(m.classBoundaries(sq).isEmpty());
        assertEquals("Samples by class along both edges", m.classesAt(100, 100, sq));
    }

    @Test
    void theCsvHoldsTheStoredFloatsAndClearingEmptiesIt() {
        HeatmapModel m = new HeatmapModel();
        m.accept(List.of(snap(0, 64, 0, kernel(0.1f, CLASSES))));
        m.show(new SpectrumModel.Net(0, 64));
        List<String> csv = m.csvLines();
        assertEquals(6, csv.size());
        assertEquals("4,2,0.1,0.1,0.1,0.1", csv.get(0), "0.1 as stored, not its double widening 0.10000000149…");
        m.clear();
        assertFalse(m.hasData());
        assertTrue(m.csvLines().isEmpty());
        assertNull(m.square(400, 300, 10));
    }

    @Test
    void theColourRampRunsFromDarkBlueToYellowAndClampsOutside() {
        assertArrayEquals(new double[] {0.27, 0, 0.33}, HeatmapModel.rgb(0), 1e-12);
        assertArrayEquals(new double[] {0.99, 0.9, 0.13}, HeatmapModel.rgb(1), 1e-12);
        assertArrayEquals(HeatmapModel.rgb(0), HeatmapModel.rgb(-3), 0);
        assertArrayEquals(HeatmapModel.rgb(1), HeatmapModel.rgb(7), 0);
        double last = -1;
        for (int i = 0; i <= 10; i++) {
            double[] c = HeatmapModel.rgb(i / 10.0);
            double light = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
            assertTrue(light > last, "brighter with the value at " + i / 10.0);
            last = light;
        }
    }
}
