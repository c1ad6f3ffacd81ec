package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class InfiniteWidthStepTest {

    @Test
    void eachDenseLayerCarriesTheLawsVariancesAtItsOwnFanIn() {
        // PyTorch's bias variance 1/(3·fan_in) differs between the first layer (fan-in 784) and the later ones.
        NetworkSpec spec = new NetworkSpec(Architecture.MLP, 2, 64, Activation.TANH, Parameterization.NTK, 1, 0, 10,
                new int[] {784}, Init.PYTORCH);
        List<InfiniteWidthStep> steps = LayerPlan.of(spec).infiniteWidthSteps();
        assertEquals(3, steps.size(), "two hidden layers and the readout");
        double sw2 = spec.sigmaW() * spec.sigmaW();
        assertEquals(1.0 / 3, sw2, 1e-15);
        assertEquals(sw2, steps.get(0).weightVariance(), 0.0);
        assertEquals(sw2, steps.get(2).weightVariance(), 0.0);
        assertEquals(1.0 / (3.0 * 784), steps.get(0).biasVariance(), 1e-15);
        assertEquals(1.0 / (3.0 * 64), steps.get(1).biasVariance(), 1e-15);
        assertEquals(1.0 / (3.0 * 64), steps.get(2).biasVariance(), 1e-15);
        assertEquals(Activation.TANH, steps.get(1).activation());
        assertNull(steps.get(2).activation(), "the readout has no activation of its own");
    }

    @Test
    void theStepIsTheRecursionOfTheDocs() {
        InfiniteWidthStep step = new InfiniteWidthStep(2.0, 0.01, Activation.RELU);
        assertEquals(2.0 * 0.5 + 0.01, step.nngp(0.5), 0.0);
        assertEquals(1.01 + 2.0 * 0.25 * 3.0, step.ntk(1.01, 0.25, 3.0), 0.0);
        assertEquals(2.0 * 784.0 / 784 + 0.01, step.inputVariance(784.0, 784), 0.0);
        assertEquals(step.inputCovariance(step.inputScale(784) * 784.0), step.inputVariance(784.0, 784), 1e-15);
    }

    @Test
    void aConvolutionalPlanHasNoStepsAndSaysWhy() {
        NetworkSpec spec = new NetworkSpec(Architecture.MYRTLE5, 0, 8, Activation.RELU, Parameterization.NTK, 1.4,
                0.1, 10, new int[] {1, 28, 28});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerPlan.of(spec).infiniteWidthSteps());
        assertTrue(e.getMessage().contains("has no infinite-width kernel"), e.getMessage());
    }
}
