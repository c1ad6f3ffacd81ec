package org.ntkexplorer.core.experiment.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.io.Npz;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.kernel.KernelExport;
import org.ntkexplorer.core.model.NetworkState;
import org.ntkexplorer.core.model.Trainer;

/**
 * A network part-way through training, saved in its run folder (checkpoints/UNIT.npz): parameters, optimiser state,
 * DL4J's counters, where training stands, and whatever the study needs to go on exactly (the probe kernel at
 * initialisation, the last snapshot). Resuming from it gives the rows an uninterrupted run would have written.
 *
 * @param arrays  kernels and other arrays the study keeps across the pause
 * @param numbers scalars the study keeps (e.g. the epoch of the last snapshot)
 */
public record Checkpoint(Trainer.Position position, NetworkState network, Map<String, INDArray> arrays,
                  Map<String, Double> numbers) {
    public static final String DIR = "checkpoints";
    private static final String PARAMS = "params";
    private static final String UPDATER = "updater";
    private static final String POSITION = "position";
    private static final String ARRAY = "a_";
    private static final String NUMBER = "x_";
    private static final String UNIT = "unit";
    private static final String CHECKSUM = "sha256";

    public static Path file(Path runDir, String name) {
        return runDir.resolve(DIR).resolve(name + ".npz");
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Map<String, NpyArray> out = new LinkedHashMap<>();
        out.put(PARAMS, KernelExport.toNpy(network.parameters()));
        if (network.updaterState() != null) {
            out.put(UPDATER, KernelExport.toNpy(network.updaterState()));
        }
        out.put(POSITION, NpyArray.of(new long[] {position.step(), position.epoch(), position.stepInEpoch(),
                network.iterationCount(), network.epochCount()}, 5));
        out.put(NUMBER + "epochLossSum", NpyArray.of(new double[] {position.epochLossSum()}, 1));
        for (Map.Entry<String, INDArray> a : arrays.entrySet()) {
            out.put(ARRAY + a.getKey(), KernelExport.toNpy(a.getValue()));
        }
        for (Map.Entry<String, Double> x : numbers.entrySet()) {
            out.put(NUMBER + x.getKey(), NpyArray.of(new double[] {x.getValue()}, 1));
        }
        out.put(UNIT, NpyArray.ofUint8(unitOf(file).getBytes(StandardCharsets.UTF_8), unitOf(file).length()));
        byte[] sum = checksum(out);
        out.put(CHECKSUM, NpyArray.ofUint8(sum, sum.length));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Npz.write(tmp, out);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The checkpoint in {@code file}, or null when there is none or it cannot be read (training then restarts). */
    public static Checkpoint read(Path file, java.util.function.Consumer<String> report) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, NpyArray> in = Npz.read(file);
            String refused = verify(in, unitOf(file));
            if (refused != null) {
                report.accept("checkpoint " + file.getFileName() + " " + refused + "; it is not used, and its unit is "
                        + "computed again from the start");
                return null;
            }
            long[] pos = in.get(POSITION).toLongs();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            Map<String, Double> numbers = new LinkedHashMap<>();
            for (Map.Entry<String, NpyArray> e : in.entrySet()) {
                if (e.getKey().startsWith(ARRAY)) {
                    arrays.put(e.getKey().substring(ARRAY.length()), array(e.getValue()));
                } else if (e.getKey().startsWith(NUMBER)) {
                    numbers.put(e.getKey().substring(NUMBER.length()), e.getValue().toDoubles()[0]);
                }
            }
            double lossSum = numbers.remove("epochLossSum");
            NetworkState state = new NetworkState(array(in.get(PARAMS)),
                    in.containsKey(UPDATER) ? array(in.get(UPDATER)) : null, (int) pos[3], (int) pos[4]);
            return new Checkpoint(new Trainer.Position(pos[0], (int) pos[1], (int) pos[2], lossSum), state, arrays,
                    numbers);
        } catch (IOException | RuntimeException e) {
            report.accept("checkpoint " + file.getFileName() + " cannot be read (" + e.getMessage()
                    + "); it is not used, and its unit is computed again from the start");
            return null;
        }
    }

    /** The unit a checkpoint file belongs to: its name without ".npz" (see {@link #file}). */
    private static String unitOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * Why the arrays read are not the checkpoint this unit wrote (a checkpoint of another unit, parameters changed
     * after writing, or a file from before checksums), or null when they are. Resuming from any of those would
     * write rows that an uninterrupted run never would.
     */
    private static String verify(Map<String, NpyArray> in, String unit) {
        NpyArray sum = in.get(CHECKSUM);
        NpyArray owner = in.get(UNIT);
        if (sum == null || owner == null || !in.containsKey(PARAMS) || !in.containsKey(POSITION)) {
            return "has no checksum, unit or parameters (it is damaged, or older than checksums)";
        }
        String id = new String(owner.toBytes(), StandardCharsets.UTF_8);
        if (!id.equals(unit)) {
            return "belongs to unit " + id + ", not " + unit;
        }
        Map<String, NpyArray> content = new LinkedHashMap<>(in);
        content.remove(CHECKSUM);
        if (!java.util.Arrays.equals(sum.toBytes(), checksum(content))) {
            return "does not match its SHA-256 checksum (its parameters or state changed after it was written)";
        }
        return null;
    }

    /** SHA-256 of every array, in name order, by value: the same numbers give the same sum whatever their dtype. */
    private static byte[] checksum(Map<String, NpyArray> arrays) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String key : new TreeMap<>(arrays).keySet()) {
                NpyArray a = arrays.get(key);
                d.update(key.getBytes(StandardCharsets.UTF_8));
                ByteBuffer head = ByteBuffer.allocate(8 * (a.shape().length + 1));
                head.putLong(a.shape().length);
                for (long dim : a.shape()) {
                    head.putLong(dim);
                }
                d.update(head.array());
                if (a.dtype() == org.ntkexplorer.core.io.NpyDtype.UINT8) {
                    d.update(a.toBytes());
                    continue;
                }
                double[] v = a.toDoubles();
                ByteBuffer b = ByteBuffer.allocate(8 * v.length);
                for (double x : v) {
                    b.putLong(Double.doubleToLongBits(x));
                }
                d.update(b.array());
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static INDArray array(NpyArray a) {
        long[] shape = a.shape();
        if (a.dtype() == org.ntkexplorer.core.io.NpyDtype.FLOAT32) {
            return Nd4j.create(a.toFloats(), shape, 'c');
        }
        return Nd4j.create(a.toDoubles(), shape, 'c');
    }
}
