package org.ntkexplorer.core.nn;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Working arrays kept from one minibatch or chunk to the next, one growing buffer per role: an array of any shape
 * is the front of its role's buffer. Shapes repeat call after call, and a fresh native buffer costs a zero fill
 * now and a GC-driven free later (a third of the CNN eNTK's time before this cache). Arrays come back
 * uninitialised, and an array is only valid until its role is asked for again. Not thread-safe.
 */
public final class ArrayCache {
    private final Map<String, INDArray> buffers = new HashMap<>();

    /** An array of this type and shape in 'c' order, the front of the buffer of {@code role}; contents undefined. */
    public INDArray get(String role, DataType dataType, long... shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        String key = role + "/" + dataType;
        INDArray buffer = buffers.get(key);
        if (buffer == null || buffer.length() < length) {
            release(buffer);
            buffer = Nd4j.createUninitialized(dataType, length);
            buffers.put(key, buffer);
        }
        INDArray front = buffer.length() == length ? buffer : buffer.get(NDArrayIndex.interval(0, length));
        return front.reshape('c', shape);
    }

    /** Drops every buffer, so that their memory can be returned. */
    public void clear() {
        for (INDArray a : buffers.values()) {
            release(a);
        }
        buffers.clear();
    }

    private static void release(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }
}
