package org.ntkexplorer.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a subset can be drawn is answered from the labels, with every problem and the most that fits. */
class SubsetCheckTest {
    @TempDir
    Path dir;

    private static final SubsetCheck SAMPLE = SubsetCheck.of(DatasetRegistry.open(DatasetRegistry.SAMPLE));

    @Test
    void feasibleRequestsHaveNoProblems() {
        assertEquals(List.of(), SAMPLE.problems(new int[] {0, 1}, 1200, 400, Layout.IMAGE));
        assertEquals(List.of(), SAMPLE.problems(null, 6000, 2000, Layout.FLAT));
    }

    /** The README's old example: 1000 test images of two classes need 500 per class; the sample has 200. */
    @Test
    void shortTestPartIsReportedWithTheMostThatFits() {
        List<String> p = SAMPLE.problems(new int[] {0, 1}, 512, 1000, Layout.FLAT);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("nTest = 1000 test examples over 2 classes need 500 of each class"), p.get(0));
        assertTrue(p.get(0).contains("200 of class 0 (T-shirt/top)") && p.get(0).contains("at most 400"), p.get(0));
    }

    @Test
    void trainAndTestProblemsComeTogether() {
        List<String> p = SAMPLE.problems(new int[] {3, 7, 9}, 5000, 900, Layout.FLAT);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("up to 1667 of each class") && p.get(0).contains("at most 1800"), p.get(0));
        assertTrue(p.get(1).contains("at most 600"), p.get(1));
    }

    @Test
    void withoutATestPartBothComeFromOnePool() {
        SubsetCheck g = SubsetCheck.of(DatasetRegistry.open("gaussian-mixture?classes=2&size=100"));
        List<String> p = g.problems(null, 80, 40, Layout.FLAT);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("no separate test part") && p.get(0).contains("at most 60 training examples"),
                p.get(0));
    }

    @Test
    void classAndLayoutProblemsAreListedTogether() {
        SubsetCheck g = SubsetCheck.of(DatasetRegistry.open("gaussian-mixture?classes=3&size=90"));
        List<String> p = g.problems(new int[] {1, 1, 42}, 10, 0, Layout.IMAGE);
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("a CNN needs image examples"), p.get(0));
        assertTrue(p.get(1).equals("class 1 is requested twice"), p.get(1));
        assertTrue(p.get(2).contains("there is no class 42"), p.get(2));
    }

    /** A stray label of 200 used to print two hundred empty classes; the answer is short and names the label. */
    @Test
    void strayLabelGivesAShortAnswer() throws Exception {
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        labels[5] = 200;
        Path images = Fixtures.write(dir.resolve("i.idx"), Fixtures.idxImages(labels.length, 4, 4));
        Path lab = Fixtures.write(dir.resolve("l.idx"), Fixtures.idxLabels(labels));
        DatasetSource s = DatasetRegistry.open("idx:" + images + "," + lab);
        List<String> p = SubsetCheck.of(s).problems(null, 30, 0, Layout.FLAT);
        String all = String.join("\n", p);
        assertTrue(all.length() < 700, all);
        assertTrue(all.contains("classes 10–199 have no training examples") && all.contains("example 5 has label 200"),
                all);
        var e = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
                () -> Subsets.select(s, new SubsetRequest(null, 30, 0, 0, Preprocessing.STANDARDIZE, Layout.FLAT)));
        assertTrue(e.getMessage().length() < 500 && e.getMessage().contains("10–199: 0 each"), e.getMessage());
    }
}
