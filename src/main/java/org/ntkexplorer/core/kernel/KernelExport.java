package org.ntkexplorer.core.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.Npz;

/** Writes the NumPy interchange folder (docs/science.md, §NumPy interchange) for a computed kernel. */
public final class KernelExport {
    private KernelExport() {
    }

    /**
     * @param inputs exactly the inputs the kernel was computed on, n rows of {@code inputDim}
     * @param params the network's parameters (W0, b0, …) or null for infinite-width kernels
     */
    public static void write(Path dir, Map<String, Object> model, double[] inputs, int n, int inputDim, int[] labels,
                             INDArray kernel, Map<String, INDArray> params) throws IOException {
        Finite.requireFinite(kernel, "The kernel to be written to " + dir.resolve("kernel.npy"));
        writeCompanions(dir, model, inputs, n, inputDim, labels, params);
        Npy.write(dir.resolve("kernel.npy"), toNpy(kernel));
    }

    /**
     * Everything of the folder but kernel.npy: inputs.npy, labels.npy, params.npz (empirical kernels) and model.json.
     * A row-block of a kernel writes these beside its block, and the merge copies them from one block.
     */
    public static void writeCompanions(Path dir, Map<String, Object> model, double[] inputs, int n, int inputDim,
                                       int[] labels, Map<String, INDArray> params) throws IOException {
        Files.createDirectories(dir);
        Npy.write(dir.resolve("inputs.npy"), NpyArray.of(inputs, n, inputDim));
        if (labels != null) {
            Npy.write(dir.resolve("labels.npy"), NpyArray.of(labels, labels.length));
        }
        if (params != null) {
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                arrays.put(e.getKey(), toNpy(e.getValue()));
            }
            Npz.write(dir.resolve("params.npz"), arrays);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("model.json").toFile(), model);
    }

    /**
     * Why {@code dir} should not receive an export, or null when it may: an export replaces kernel.npy and its
     * companions without asking, so a folder that already holds files needs {@code overwrite}. {@code runFolder}
     * says whether it holds a run, which the caller asks of the run store: this package names no file of a run.
     */
    public static String targetProblem(Path dir, boolean overwrite, boolean runFolder) {
        if (dir.toString().isBlank()) {
            return "the output folder is empty; name the folder to write";
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return dir + " is a file; name a folder to write the kernel into";
        }
        if (!overwrite && Files.isDirectory(dir) && !isEmpty(dir)) {
            String what = runFolder ? "is a run folder" : "already holds files";
            return dir + " " + what + ", and kernel.npy, inputs.npy, labels.npy, params.npz and model.json would replace "
                    + "any of the same name; name a new folder, or add --force to write there anyway";
        }
        return null;
    }

    private static boolean isEmpty(Path dir) {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** C-order copy in the array's own precision (float32 stays float32, anything else becomes float64). */
    public static NpyArray toNpy(INDArray a) {
        INDArray c = a.dup('c');
        long[] shape = c.shape();
        if (a.dataType() == DataType.FLOAT) {
            return NpyArray.of(c.data().asFloat(), shape);
        }
        return NpyArray.of(c.castTo(DataType.DOUBLE).data().asDouble(), shape);
    }
}
