package org.ntkexplorer.core.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Working arrays kept from one minibatch or chunk to the next, keyed by their role. The shapes repeat call after
 * call, and a fresh native buffer costs a zero fill now and a GC-driven free later (a third of the CNN eNTK's time
 * before this cache). Arrays come back uninitialised: every caller overwrites them whole. Not thread-safe.
 */
public final class ArrayCache {
    private final Map<String, INDArray> arrays = new HashMap<>();

    /** The array for {@code role} of this type and shape, in 'c' order; its contents are undefined. */
    public INDArray get(String role, DataType dataType, long... shape) {
        String key = role + dataType + Arrays.toString(shape);
        INDArray a = arrays.get(key);
        if (a == null) {
            a = Nd4j.createUninitialized(dataType, shape, 'c');
            arrays.put(key, a);
        }
        return a;
    }

    /** As {@link #get}, filled with zeros. */
    public INDArray zeros(String role, DataType dataType, long... shape) {
        return get(role, dataType, shape).assign(0);
    }

    /** Drops every array, so that their memory can be returned. */
    public void clear() {
        for (INDArray a : arrays.values()) {
            if (!a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
        arrays.clear();
    }
}
