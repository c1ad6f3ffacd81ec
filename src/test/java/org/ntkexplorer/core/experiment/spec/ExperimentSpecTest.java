package org.ntkexplorer.core.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExperimentSpecTest {

    @Test
    void everyProblemIsListedInOneMessage() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse("""
                {"study": "scaling", "nGrid": [100, -5], "widht": 64, "learningRate": 0, "activation": "sigmoid",
                 "learners": ["network", "svm"], "seeds": 1.5}"""));
        String m = e.getMessage();
        assertEquals(6, e.problems().size(), m);
        assertTrue(m.contains("unknown key 'widht'"), m);
        assertTrue(m.contains("nGrid[1]"), m);
        assertTrue(m.contains("learningRate"), m);
        assertTrue(m.contains("sigmoid"), m);
        assertTrue(m.contains("svm"), m);
        assertTrue(m.contains("seeds"), m);
    }

    @Test
    void combinationsThatCannotRunAreRejected() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse("""
                {"study": "scaling", "architecture": "myrtle5", "nGrid": [100],
                 "learners": ["network", "infinite-ntk"]}"""));
        assertTrue(e.getMessage().contains("infinite-ntk needs an MLP"), e.getMessage());
        assertTrue(e.getMessage().contains("two distinct sizes"), e.getMessage());
        assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse("{\"nGrid\": [10, 20]}"));
        assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse("[1, 2]"));
        assertThrows(InvalidSpecException.class, () -> ExperimentSpec.parse("{\"study\": "));
    }

    @Test
    void aSpecSurvivesItsOwnJson() {
        ExperimentSpec s = ExperimentSpec.parse("""
                {"study": "dynamics", "classes": [0, 3], "nGrid": [300], "width": 128, "epochs": 7,
                 "optimizer": "adam", "loss": "xent", "schedule": "cosine", "dtype": "float64"}""");
        ExperimentSpec again = ExperimentSpec.parse(s.toJson());
        assertEquals(s.toJson(), again.toJson());
        assertEquals(Study.DYNAMICS, again.study());
        assertEquals(128, again.width());
    }

    @Test
    void anotherDepthKeepsTheInitLaw() {
        // The memory estimate at a usual depth must be of the same network: withDepth used to fall back to He.
        for (String law : new String[] {"lecun", "pytorch"}) {
            ExperimentSpec s = ExperimentSpec.parse("{\"study\": \"scaling\", \"init\": \"" + law + "\"}");
            ExperimentSpec deeper = s.withDepth(5);
            assertEquals(s.init(), deeper.init(), law);
            assertEquals(s.sigmaW(), deeper.sigmaW(), law);
            assertEquals(5, deeper.depth());
            assertEquals(s.network(64, 10, new int[] {784}).init(), deeper.network(64, 10, new int[] {784}).init());
        }
    }

    @Test
    void everyPresetParsesAndNamesAStudy() {
        assertTrue(Presets.all().size() >= 8, "presets: " + Presets.all().size());
        for (Presets.Preset p : Presets.all()) {
            assertTrue(p.explanation().length() > 80, p.name());
            assertTrue(p.name().contains(p.spec().study().id()), p.name());
            // quick and full run on the bundled sample; 60k is the whole training set.
            assertTrue(p.name().endsWith("-quick") || p.name().endsWith("-full") || p.name().endsWith("-60k"),
                    p.name());
        }
    }

    @Test
    void eachKeyLandsInItsPart() {
        ExperimentSpec s = ExperimentSpec.parse("""
                {"study": "pretrained", "dataset": "gaussian-mixture", "classes": [1, 2],
                 "preprocessing": "unit-norm", "nGrid": [50, 90], "nTest": 30, "seeds": 2, "architecture": "mlp",
                 "depth": 3, "width": 40, "activation": "tanh", "parameterization": "standard", "init": "lecun",
                 "sigmaB": 0.2, "learners": ["network", "entk-pretrained"], "probeSize": 12, "ridge": 0.01, "dtype": "float64",
                 "saveKernels": false, "widths": [8, 16], "n0": 77, "snapshotEvery": 3, "snapshotRegression": true,
                 "learningRate": 0.05, "optimizer": "sgd", "batchSize": 10, "epochs": 4}""");
        assertEquals(new DataSpec("gaussian-mixture", new int[] {1, 2}, org.ntkexplorer.core.data.Preprocessing.fromId(
                "unit-norm")), s.data());
        assertEquals(new SampleSizes(new int[] {50, 90}, 30, 2), s.sizes());
        assertEquals(new NetworkChoice(org.ntkexplorer.core.model.Architecture.MLP, 3, 40,
                org.ntkexplorer.core.model.Activation.TANH, org.ntkexplorer.core.model.Parameterization.STANDARD,
                1, 0.2, org.ntkexplorer.core.model.Init.LECUN), s.networkChoice());
        assertEquals(new KernelSpec(java.util.List.of(Learner.NETWORK, Learner.ENTK_PRETRAINED), 12, 0.01,
                org.ntkexplorer.core.kernel.Precision.FLOAT64, false, 77, true), s.kernel());
        // widths and snapshotEvery belong to other studies: read (so a bad value is still refused), then dropped.
        assertEquals(new StudyParams.None(), s.params());
        assertFalse(s.toMap().containsKey("widths"), s.toJson());
        assertFalse(s.toMap().containsKey("snapshotEvery"), s.toJson());
        assertEquals(0.05, s.trainingChoice().learningRate());
        assertEquals(org.ntkexplorer.core.model.TrainingBudget.ofEpochs(4), s.trainingChoice().budget());
        assertEquals(org.ntkexplorer.core.model.Optimizer.SGD, s.trainingChoice().optimizer());
        assertEquals(10, s.trainingChoice().batchSize());
        assertEquals(new org.ntkexplorer.core.model.TrainingConfig(org.ntkexplorer.core.model.Optimizer.SGD, 0.05,
                s.trainingChoice().momentum(), 10, 4, 0, org.ntkexplorer.core.model.LossKind.MSE,
                org.ntkexplorer.core.model.LearningRateSchedule.CONSTANT), s.training());
    }
}
