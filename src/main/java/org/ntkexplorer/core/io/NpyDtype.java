package org.ntkexplorer.core.io;

/** The element types this product exchanges with NumPy; the byte order is kept separately. */
public enum NpyDtype {
    FLOAT64('f', 8),
    FLOAT32('f', 4),
    INT32('i', 4),
    INT64('i', 8),
    UINT8('u', 1);

    private final char kind;
    private final int itemSize;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    public int itemSize() {
        return itemSize;
    }

    public boolean isInteger() {
        return kind != 'f';
    }

    /** NumPy type code without the byte-order character, e.g. "f8". */
    public String code() {
        return String.valueOf(kind) + itemSize;
    }

    /** The descr NumPy writes for this type in little-endian order ("|u1" has no order). */
    public String littleEndianDescr() {
        return (itemSize == 1 ? "|" : "<") + code();
    }

    static NpyDtype fromCode(String code) {
        for (NpyDtype d : values()) {
            if (d.code().equals(code)) {
                return d;
            }
        }
        return null;
    }
}
