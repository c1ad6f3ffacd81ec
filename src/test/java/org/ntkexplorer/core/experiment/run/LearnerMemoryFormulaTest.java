package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;

/** The estimates of the kernel learners follow the formulas of docs/science.md, §Memory of a kernel learner. */
class LearnerMemoryFormulaTest {

    @Test
    void infiniteLearnersFollowTheirFormula() {
        int c = 10;
        int d = 784;
        for (int n : new int[] {1024, 16384, 32768}) {
            for (int nTest : new int[] {0, 2000}) {
                for (int k : new int[] {1, 2}) {
                    double formula = 8.0 * n * n + k * 8.0 * nTest * n + 3.0 * (1 << 22) * 8
                            + 8.0 * (n + nTest) * d + (k > 1 ? 16.0 * n : 0) + 48.0 * n * c;
                    double estimate = KernelLearners.infiniteFootprint(n, nTest, d, c, k).totalBytes();
                    assertEquals(formula, estimate, 1e-9 * formula, "n = " + n + ", nTest = " + nTest + ", k = " + k);
                }
            }
        }
    }

    @Test
    void empiricalLearnerGrowsAsItsFormulaOnceBlocksAreFull() {
        // Past n = 2048 the work space W is fixed, so the estimate grows only by 8n² + w·n_test·n + 48·n·C.
        NetworkSpec net = NetworkSpec.mlp(2, 512, Activation.RELU, Parameterization.STANDARD, 1.414, 0.1, 10, 784);
        int nTest = 2000;
        int c = 10;
        for (Precision p : Precision.values()) {
            double small = KernelLearners.empiricalFootprint(net, p, 4096, nTest, c).totalBytes();
            double large = KernelLearners.empiricalFootprint(net, p, 16384, nTest, c).totalBytes();
            double growth = 8.0 * (16384.0 * 16384 - 4096.0 * 4096) + p.bytes() * nTest * (16384.0 - 4096)
                    + 48.0 * c * (16384 - 4096);
            assertEquals(growth, large - small, 1e-9 * growth, p.id());
        }
    }

    @Test
    void theNxNMatrixIsTheOnlyQuadraticTerm() {
        // Against the 8 such matrices a run held before: at n = 16,384 the infinite pair stays under 2.7 GiB.
        double bytes = KernelLearners.infiniteFootprint(16384, 2000, 784, 10, 2).totalBytes();
        assertEquals(2.6, bytes / (1L << 30), 0.1);
    }
}
