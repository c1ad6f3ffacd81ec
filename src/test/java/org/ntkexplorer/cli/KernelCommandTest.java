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
        assertEquals(2, run(err, "kernel", "--arch", "myrtle5", "--kind", "infinite-ntk", "--n", "4",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("MLPs only"), err.toString());
    }

    @Test
    void impossibleSettingsAreUsageErrors() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "kernel", "--activation", "sigmoid", "--out", dir.resolve("s").toString()));
        assertTrue(err.toString().contains("sigmoid"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "kernel", "--n", "100000", "--out", dir.resolve("n").toString()));
        assertTrue(err2.toString().startsWith("error: n = 100000 training examples over 10 classes need 10000 of each "
                + "class") && err2.toString().contains("at most 6000 can be drawn"), err2.toString());
    }

    /** Runs a kernel command that must be refused for memory, and checks it answered within five seconds. */
    private static CliRun refusedQuickly(String... args) {
        long start = System.nanoTime();
        CliRun r = CliRun.of(args);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(NtkCli.EXIT_FAILURE, r.code(), r.err());
        assertTrue(seconds < 5, "refused after " + seconds + " s");
        assertTrue(r.err().startsWith("error: The ") && r.err().contains("GiB of memory")
                && !r.err().contains("bad_alloc"), r.err());
        return r;
    }

    @Test
    void widthOfABillionIsRefusedBeforeAnyNetworkExists() {
        CliRun r = refusedQuickly("kernel", "--width", "1000000000", "--n", "20", "--classes", "0,1", "--out",
                dir.resolve("w").toString());
        assertTrue(r.err().contains("network parameters") && r.err().contains("smaller width"), r.err());
        assertTrue(!Files.exists(dir.resolve("w")), "nothing written");
    }

    @Test
    void nngpOf150000ExamplesIsRefused() {
        CliRun r = refusedQuickly("kernel", "--kind", "nngp", "--dataset", "gaussian-mixture?size=150100&d=2",
                "--n", "150000", "--out", dir.resolve("g").toString());
        assertTrue(r.err().contains("nngp kernel of 150000 examples") && r.err().contains("writing kernel.npy"), r.err());
    }

    @Test
    void myrtleTenOfWidth4096IsRefused() {
        CliRun r = refusedQuickly("kernel", "--arch", "myrtle10", "--width", "4096", "--n", "20", "--classes", "0,1",
                "--dtype", "float32", "--out", dir.resolve("m").toString());
        assertTrue(r.err().contains("eNTK features"), r.err());
    }

    /** A NaN pixel used to give exit 0 and an all-NaN kernel.npy. */
    @Test
    void nanInputIsRefusedAndNothingIsWritten() throws Exception {
        Path npz = org.ntkexplorer.core.data.FiniteInputsTestAccess.npzWithNaN(dir.resolve("nan.npz"), 3);
        CliRun r = CliRun.of("kernel", "--dataset", "npz:" + npz, "--n", "10", "--width", "8", "--out",
                dir.resolve("k").toString());
        assertEquals(NtkCli.EXIT_FAILURE, r.code());
        assertTrue(r.err().contains("'X' holds NaN at example 3"), r.err());
        assertTrue(!Files.exists(dir.resolve("k/kernel.npy")));
    }

    /** An export replaces kernel.npy and its companions, so a folder that holds files needs --force. */
    @Test
    void anExistingNonEmptyFolderIsNotOverwrittenWithoutForce() throws Exception {
        Path out = dir.resolve("k");
        String[] args = {"kernel", "--classes", "0,1", "--n", "6", "--width", "4", "--depth", "1", "--out",
            out.toString()};
        assertEquals(0, CliRun.of(args).code());
        byte[] first = Files.readAllBytes(out.resolve("kernel.npy"));
        CliRun again = CliRun.of(args);
        assertEquals(NtkCli.EXIT_USAGE, again.code());
        assertTrue(again.err().contains("already holds files") && again.err().contains("--force"), again.err());
        assertArrayEquals(first, Files.readAllBytes(out.resolve("kernel.npy")));
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertEquals(0, CliRun.of(forced).code());

        Path runFolder = Files.createDirectories(dir.resolve("run"));
        Files.writeString(runFolder.resolve("spec.json"), "{}");
        CliRun intoRun = CliRun.of("kernel", "--n", "6", "--out", runFolder.toString());
        assertEquals(NtkCli.EXIT_USAGE, intoRun.code());
        assertTrue(intoRun.err().contains("is a run folder"), intoRun.err());
    }
}
