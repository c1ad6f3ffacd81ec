package org.ntkexplorer.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array in C order as NumPy stores it: element type, shape and the raw element bytes. The
 * bytes may be a memory-mapped region of a file, so element access converts on the fly and the
 * {@code to...} methods materialise a Java array only when asked.
 */
public final class NpyArray {
    private final NpyDtype dtype;
    private final long[] shape;
    private final ByteBuffer data;

    /** {@code data} holds exactly the elements, from position 0, in the byte order it is set to. */
    public NpyArray(NpyDtype dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long expected = Math.multiplyExact(count(shape), (long) dtype.itemSize());
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("shape " + NpyHeader.pythonTuple(shape) + " of " + dtype.code()
                    + " needs " + expected + " bytes, got " + data.remaining());
        }
        this.data = data.slice().order(data.order());
    }

    public static NpyArray of(double[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 8, shape);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT64, shape, b);
    }

    public static NpyArray of(float[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 4, shape);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT32, shape, b);
    }

    public static NpyArray of(int[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 4, shape);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyDtype.INT32, shape, b);
    }

    public static NpyArray of(long[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 8, shape);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyDtype.INT64, shape, b);
    }

    /** Unsigned bytes (NumPy uint8): the Java byte -1 is the value 255. */
    public static NpyArray ofUint8(byte[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 1, shape);
        b.put(values).flip();
        return new NpyArray(NpyDtype.UINT8, shape, b);
    }

    private static ByteBuffer allocate(int length, int itemSize, long[] shape) {
        if (count(shape) != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + NpyHeader.pythonTuple(shape));
        }
        return ByteBuffer.allocate(Math.multiplyExact(length, itemSize)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public NpyDtype dtype() {
        return dtype;
    }

    public ByteOrder order() {
        return data.order();
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The shape as ints, for arrays whose every dimension fits an int (all in-memory arrays do). */
    public int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }

    public int rank() {
        return shape.length;
    }

    public long size() {
        return count(shape);
    }

    /** A read-only view of the element bytes, from position 0, in the array's byte order. */
    public ByteBuffer buffer() {
        return data.asReadOnlyBuffer().order(data.order());
    }

    public double getDouble(long index) {
        int i = Math.toIntExact(index);
        return switch (dtype) {
            case FLOAT64 -> data.getDouble(i * 8);
            case FLOAT32 -> data.getFloat(i * 4);
            case INT32 -> data.getInt(i * 4);
            case INT64 -> data.getLong(i * 8);
            case UINT8 -> data.get(i) & 0xff;
        };
    }

    /** Integer element; refused for floating types and for int64 values outside the int range. */
    public long getLong(long index) {
        int i = Math.toIntExact(index);
        return switch (dtype) {
            case INT32 -> data.getInt(i * 4);
            case INT64 -> data.getLong(i * 8);
            case UINT8 -> data.get(i) & 0xff;
            case FLOAT64, FLOAT32 -> throw new IllegalStateException("array of " + dtype.code() + " is not an integer array");
        };
    }

    public double[] toDoubles() {
        double[] out = new double[Math.toIntExact(size())];
        if (dtype == NpyDtype.FLOAT64) {
            data.duplicate().order(data.order()).asDoubleBuffer().get(out);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    public float[] toFloats() {
        float[] out = new float[Math.toIntExact(size())];
        if (dtype == NpyDtype.FLOAT32) {
            data.duplicate().order(data.order()).asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** Integer arrays only; int64 values must fit an int. */
    public int[] toInts() {
        int[] out = new int[Math.toIntExact(size())];
        for (int i = 0; i < out.length; i++) {
            long v = getLong(i);
            if (v != (int) v) {
                throw new ArithmeticException("element " + i + " = " + v + " does not fit an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    public long[] toLongs() {
        long[] out = new long[Math.toIntExact(size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** The raw bytes of a uint8 array (Java bytes are signed: mask with 0xff for the value). */
    public byte[] toBytes() {
        if (dtype != NpyDtype.UINT8) {
            throw new IllegalStateException("array of " + dtype.code() + " is not a uint8 array");
        }
        byte[] out = new byte[Math.toIntExact(size())];
        data.duplicate().get(out);
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.code() + " " + NpyHeader.pythonTuple(shape) + "]";
    }
}
