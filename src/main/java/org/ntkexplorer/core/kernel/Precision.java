package org.ntkexplorer.core.kernel;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point precision of a kernel computation: float32 is fast, float64 is the reference. */
public enum Precision {
    FLOAT32("float32", DataType.FLOAT, 4),
    FLOAT64("float64", DataType.DOUBLE, 8);

    private final String id;
    private final DataType dataType;
    private final int bytes;

    Precision(String id, DataType dataType, int bytes) {
        this.id = id;
        this.dataType = dataType;
        this.bytes = bytes;
    }

    public String id() {
        return id;
    }

    public DataType dataType() {
        return dataType;
    }

    public int bytes() {
        return bytes;
    }

    public static Precision fromId(String id) {
        for (Precision p : values()) {
            if (p.id.equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown dtype '" + id + "'; expected float32 or float64");
    }
}
