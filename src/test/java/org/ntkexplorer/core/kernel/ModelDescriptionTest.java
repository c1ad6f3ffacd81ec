package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.experiment.run.Benchmarks;

/**
 * model.json's layer entries, which Python readers index by name: each layer kind describes itself, and the entries
 * keep the names, order and values they had when ModelDescription spelled them out per kind.
 */
class ModelDescriptionTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layers(NetworkSpec spec) {
        return (List<Map<String, Object>>) ModelDescription.of(spec, KernelKind.EMPIRICAL_NTK, Precision.FLOAT32,
                "standardize").get("layers");
    }

    @Test
    void denseLayersNameTheirArraysShapesMultipliersLawsAndActivation() {
        NetworkSpec spec = NetworkSpec.mlp(2, 16, Activation.RELU, Parameterization.NTK, Math.sqrt(2), 0.1, 10, 784);
        List<Map<String, Object>> l = layers(spec);
        assertEquals(3, l.size());
        assertEquals(List.of("type", "weight", "bias", "weightShape", "biasShape", "weightMultiplier", "biasMultiplier",
                "weightInit", "biasInit", "activation"), new ArrayList<>(l.get(0).keySet()));
        assertEquals("dense", l.get(0).get("type"));
        assertEquals("W0", l.get(0).get("weight"));
        assertArrayEquals(new int[] {784, 16}, (int[]) l.get(0).get("weightShape"));
        assertEquals(Math.sqrt(2) / Math.sqrt(784), (double) l.get(0).get("weightMultiplier"), 1e-15);
        assertEquals("relu", l.get(0).get("activation"));
        assertEquals("W2", l.get(2).get("weight"));
        assertEquals("identity", l.get(2).get("activation"), "the readout");
    }

    @Test
    void convolutionsAndPoolingDescribeTheirWindowsAndInputs() {
        List<Map<String, Object>> l = layers(Benchmarks.myrtle5(8));
        Map<String, Object> conv = l.get(0);
        assertEquals(List.of("type", "weight", "bias", "weightShape", "biasShape", "stride", "padding", "inputShape",
                "weightMultiplier", "biasMultiplier", "weightInit", "biasInit", "activation"),
                new ArrayList<>(conv.keySet()));
        assertArrayEquals(new int[] {8, 1, 3, 3}, (int[]) conv.get("weightShape"));
        Map<String, Object> pool = l.stream().filter(e -> "avg_pool".equals(e.get("type"))).findFirst().orElseThrow();
        assertEquals(List.of("type", "window", "stride", "padding", "inputShape"), new ArrayList<>(pool.keySet()));
        Map<String, Object> global = l.stream().filter(e -> "global_avg_pool".equals(e.get("type"))).findFirst()
                .orElseThrow();
        assertEquals(List.of("type", "inputShape"), new ArrayList<>(global.keySet()));
        long weights = l.stream().filter(e -> e.containsKey("weight")).count();
        assertEquals("W" + (weights - 1), l.get(l.size() - 1).get("weight"), "arrays numbered over trainable layers");
    }
}
