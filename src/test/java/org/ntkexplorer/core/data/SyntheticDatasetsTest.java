package org.ntkexplorer.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.data.DatasetException.Problem;

class SyntheticDatasetsTest {
    private static double[] all(ExampleArray a) {
        double[] x = new double[a.size() * a.exampleLength()];
        for (int i = 0; i < a.size(); i++) {
            a.copyExample(i, x, i * a.exampleLength());
        }
        return x;
    }

    @Test
    void teacherStudentIsDeterministicAndSeedDependent() {
        String spec = "teacher-student?d=6&outputs=2&width=32&size=40&seed=3";
        DatasetSource a = DatasetRegistry.open(spec);
        DatasetSource b = DatasetRegistry.open(spec);
        assertEquals(Task.REGRESSION, a.task());
        assertEquals(2, a.outputs());
        assertTrue(a.classNames().isEmpty());
        assertFalse(a.test().isPresent());
        assertArrayEquals(new int[] {6}, a.train().shape());
        assertArrayEquals(all(a.train()), all(b.train()));
        double[] ta = new double[2];
        double[] tb = new double[2];
        a.train().copyTarget(7, ta, 0);
        b.train().copyTarget(7, tb, 0);
        assertArrayEquals(ta, tb);
        DatasetSource c = DatasetRegistry.open("teacher-student?d=6&outputs=2&width=32&size=40&seed=4");
        assertFalse(java.util.Arrays.equals(all(a.train()), all(c.train())));
    }

    @Test
    void teacherStudentInputsHaveTraceDAndPowerLawSpectrum() {
        int d = 4;
        double decay = 2;
        DatasetSource s = DatasetRegistry.open("teacher-student?d=" + d + "&decay=2&width=8&size=20000&seed=0");
        double[] x = all(s.train());
        int n = s.train().size();
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    cov[p][q] += x[i * d + p] * x[i * d + q] / n;
                }
            }
        }
        double trace = 0;
        for (int p = 0; p < d; p++) {
            trace += cov[p][p];
        }
        assertEquals(d, trace, 0.1 * d);
        // largest eigenvalue by power iteration: λ_1 = d·1/Σk^-2 for k=1..4
        double[] v = {1, 1, 1, 1};
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            double[] w = new double[d];
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    w[p] += cov[p][q] * v[q];
                }
            }
            lambda = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2] + w[3] * w[3]);
            for (int p = 0; p < d; p++) {
                v[p] = w[p] / lambda;
            }
        }
        double norm = 1 + Math.pow(2, -decay) + Math.pow(3, -decay) + Math.pow(4, -decay);
        assertEquals(d / norm, lambda, 0.05 * d / norm);
    }

    @Test
    void standardizedTeacherTargetsHaveUnitVariance() {
        DatasetSource s = DatasetRegistry.open("teacher-student?d=5&width=16&size=500&standardize=true");
        double sum = 0;
        double sq = 0;
        double[] t = new double[1];
        for (int i = 0; i < 500; i++) {
            s.train().copyTarget(i, t, 0);
            sum += t[0];
            sq += t[0] * t[0];
        }
        assertEquals(0, sum / 500, 1e-12);
        assertEquals(1, sq / 500, 1e-12);
    }

    @Test
    void gaussianMixtureHasBalancedSeparatedClasses() {
        DatasetSource s = DatasetRegistry.open("gaussian-mixture?classes=3&d=10&separation=4&size=3000&seed=2");
        assertEquals(Task.CLASSIFICATION, s.task());
        assertEquals(3, s.classNames().size());
        int[] counts = new int[3];
        double[][] means = new double[3][10];
        double[] x = new double[10];
        for (int i = 0; i < 3000; i++) {
            int c = s.train().label(i);
            counts[c]++;
            s.train().copyExample(i, x, 0);
            for (int k = 0; k < 10; k++) {
                means[c][k] += x[k] / 1000;
            }
        }
        assertArrayEquals(new int[] {1000, 1000, 1000}, counts);
        for (int c = 0; c < 3; c++) {
            double r = 0;
            for (int k = 0; k < 10; k++) {
                r += means[c][k] * means[c][k];
            }
            assertEquals(4, Math.sqrt(r), 0.3, "class mean lies at the separation from the origin");
        }
    }

    @Test
    void badParametersAreRefused() {
        assertEquals(Problem.BAD_SPEC, assertThrows(DatasetException.class,
                () -> DatasetRegistry.open("gaussian-mixture?clases=3")).problem());
        assertEquals(Problem.BAD_SPEC, assertThrows(DatasetException.class,
                () -> DatasetRegistry.open("teacher-student?d=zero")).problem());
        assertEquals(Problem.BAD_SPEC, assertThrows(DatasetException.class,
                () -> DatasetRegistry.open("teacher-student?activation=sigmoidish")).problem());
    }
}
