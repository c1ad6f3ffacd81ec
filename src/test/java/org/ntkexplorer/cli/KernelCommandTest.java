package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.Npz;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;

import picocli.CommandLine;

class KernelCommandTest {
    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        CommandLine cl = NtkCli.newCommandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static INDArray load(Path p) throws Exception {
        NpyArray a = Npy.read(p);
        return Nd4j.create(a.toDoubles(), a.shape(), 'c');
    }

    /** The folder is self-sufficient: params.npz and inputs.npy reproduce kernel.npy. */
    @Test
    void empiricalKernelFolderReproducesItsKernel() throws Exception {
        Path out = dir.resolve("k");
        int code = run(new StringWriter(), "kernel", "--dataset", "fashion-mnist-sample", "--classes", "0,1", "--n", "24",
                "--seed", "3", "--arch", "mlp", "--depth", "2", "--width", "32", "--activation", "tanh",
                "--parameterization", "ntk", "--sigma-w", "1.5", "--sigma-b", "0.2", "--kind", "empirical",
                "--dtype", "float64", "--out", out.toString());
        assertEquals(0, code);
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        for (String key : new String[] {"architecture", "depth", "width", "activation", "parameterization", "sigmaW",
                "sigmaB", "kernel", "dtype", "outputs", "preprocessing", "layers"}) {
            assertTrue(model.has(key), "model.json lacks " + key);
        }
        assertEquals("empirical-ntk", model.get("kernel").asText());
        assertEquals(3, model.get("layers").size());
        assertEquals(784, model.get("layers").get(0).get("weightShape").get(0).asInt());

        INDArray x = load(out.resolve("inputs.npy"));
        INDArray k = load(out.resolve("kernel.npy"));
        assertArrayEquals(new long[] {24, 784}, x.shape());
        assertArrayEquals(new long[] {24, 24}, k.shape());
        assertEquals(24, Npy.read(out.resolve("labels.npy")).toInts().length);

        NetworkSpec spec = NetworkSpec.mlp(2, 32, Activation.TANH, Parameterization.NTK, 1.5, 0.2, 2, 784);
        NtkNetwork net = NtkNetwork.create(spec, 99, DataType.DOUBLE, TrainingConfig.sgdMomentum(0.1, 8, 1));
        Map<String, INDArray> params = new HashMap<>();
        Npz.read(out.resolve("params.npz")).forEach((name, a) -> params.put(name,
                Nd4j.create(a.toDoubles(), a.shape(), 'c')));
        assertEquals(6, params.size());
        net.setParameters(params);
        INDArray again = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        assertTrue(again.sub(k).amaxNumber().doubleValue() <= 1e-9 * k.amaxNumber().doubleValue());
    }

    @Test
    void cnnKernelIsWrittenWithConvLayout() throws Exception {
        Path out = dir.resolve("c");
        int code = run(new StringWriter(), "kernel", "--classes", "3,7", "--n", "6", "--arch", "myrtle5", "--width", "4",
                "--dtype", "float32", "--out", out.toString());
        assertEquals(0, code);
        JsonNode layers = new ObjectMapper().readTree(out.resolve("model.json").toFile()).get("layers");
        assertEquals("conv2d", layers.get(0).get("type").asText());
        assertArrayEquals(new int[] {4, 1, 3, 3}, new ObjectMapper().convertValue(layers.get(0).get("weightShape"), int[].class));
        assertEquals(4 * 9, Npz.read(out.resolve("params.npz")).get("W0").toDoubles().length);
        assertTrue(Files.size(out.resolve("kernel.npy")) > 6 * 6 * 4);
    }

    /** Every activation gives both infinite kernels in the same folder layout, without params.npz. */
    @Test
    void infiniteKernelsAreWrittenForEveryActivation() throws Exception {
        for (String act : new String[] {"relu", "tanh", "erf", "gelu"}) {
            for (String kind : new String[] {"infinite-ntk", "nngp"}) {
                Path out = dir.resolve(act + "-" + kind);
                int code = run(new StringWriter(), "kernel", "--classes", "0,1", "--n", "10", "--depth", "2",
                        "--activation", act, "--kind", kind, "--preprocessing", "unit-norm", "--out", out.toString());
                assertEquals(0, code, act + " " + kind);
                JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
                assertEquals(kind, model.get("kernel").asText());
                INDArray k = load(out.resolve("kernel.npy"));
                assertArrayEquals(new long[] {10, 10}, k.shape());
                assertTrue(k.sub(k.transpose()).amaxNumber().doubleValue() < 1e-12, "symmetric");
                assertTrue(Files.exists(out.resolve("inputs.npy")) && !Files.exists(out.resolve("params.npz")));
            }
        }
    }

    @Test
    void infiniteKernelOfACnnIsRefusedClearly() {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "kernel", "--arch", "myrtle5", "--kind", "infinite-ntk", "--n", "4",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("MLPs only"), err.toString());
    }

    @Test
    void impossibleSettingsAreUsageErrors() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "kernel", "--activation", "sigmoid", "--out", dir.toString()));
        assertTrue(err.toString().contains("sigmoid"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(1, run(err2, "kernel", "--n", "100000", "--out", dir.toString()));
        assertTrue(err2.toString().startsWith("error:"), err2.toString());
    }
}
