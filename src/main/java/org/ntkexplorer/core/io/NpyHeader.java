package org.ntkexplorer.core.io;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a .npy stream: element type, byte order, shape and where the data starts (relative to the
 * start of the stream). Encoding follows numpy/lib/format.py byte for byte, so files we write compare equal
 * to files NumPy writes for the same array.
 */
public record NpyHeader(NpyDtype dtype, ByteOrder order, long[] shape, int dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Bytes before the header length field plus the smallest length field (version 1.0). */
    static final int PREAMBLE_V1 = 10;
    static final int PREAMBLE_V2 = 12;
    private static final int ALIGN = 64;
    /** NumPy leaves room for the first axis to grow to this many digits without rewriting the file. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public long dataBytes() {
        return Math.multiplyExact(elementCount(), (long) dtype.itemSize());
    }

    /** Bytes of one slice along the first axis; the whole array for a 0-d array. */
    public long rowBytes() {
        long n = dtype.itemSize();
        for (int i = 1; i < shape.length; i++) {
            n = Math.multiplyExact(n, shape[i]);
        }
        return n;
    }

    /** Header bytes NumPy would write for a C-ordered little-endian array of this type and shape. */
    public static byte[] encode(NpyDtype dtype, long[] shape) {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(dtype.littleEndianDescr()).append("', ")
                .append("'fortran_order': False, ")
                .append("'shape': ").append(pythonTuple(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1;
        int preamble = PREAMBLE_V1;
        int padlen = ALIGN - ((preamble + hlen) % ALIGN);
        if (hlen + padlen >= 65536) {
            preamble = PREAMBLE_V2;
            padlen = ALIGN - ((preamble + hlen) % ALIGN);
        }
        int total = preamble + hlen + padlen;
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        int headerLen = hlen + padlen;
        if (preamble == PREAMBLE_V1) {
            out[6] = 1;
            out[8] = (byte) headerLen;
            out[9] = (byte) (headerLen >>> 8);
        } else {
            out[6] = 2;
            for (int i = 0; i < 4; i++) {
                out[8 + i] = (byte) (headerLen >>> (8 * i));
            }
        }
        System.arraycopy(text, 0, out, preamble, text.length);
        Arrays.fill(out, preamble + text.length, total - 1, (byte) ' ');
        out[total - 1] = '\n';
        return out;
    }

    static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * Length of the preamble (magic, version, length field) from the first {@link #PREAMBLE_V1} bytes, and
     * the header length it announces; returned as {preambleLength, headerLength}.
     */
    static int[] readPreamble(byte[] first, int available, String source) throws NpyFormatException {
        for (int i = 0; i < Math.min(available, MAGIC.length); i++) {
            if (first[i] != MAGIC[i]) {
                throw new NpyFormatException(source, "not a .npy file (magic bytes are not \\x93NUMPY)");
            }
        }
        if (available < PREAMBLE_V1) {
            throw new NpyFormatException(source, "truncated: only " + available + " bytes, too short for a .npy header");
        }
        int major = first[6] & 0xff;
        if (major == 1) {
            return new int[] {PREAMBLE_V1, (first[8] & 0xff) | (first[9] & 0xff) << 8};
        }
        if (major == 2 || major == 3) {
            if (available < PREAMBLE_V2) {
                throw new NpyFormatException(source, "truncated inside the .npy header");
            }
            long len = (first[8] & 0xffL) | (first[9] & 0xffL) << 8 | (first[10] & 0xffL) << 16 | (first[11] & 0xffL) << 24;
            if (len > Integer.MAX_VALUE - PREAMBLE_V2) {
                throw new NpyFormatException(source, "header length " + len + " is not plausible");
            }
            return new int[] {PREAMBLE_V2, (int) len};
        }
        throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + (first[7] & 0xff));
    }

    /** Parses the dictionary text that follows the preamble. */
    static NpyHeader parseDict(String dict, int dataOffset, String source) throws NpyFormatException {
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new NpyFormatException(source, "malformed .npy header " + dict.trim());
        }
        if (f.group(1).equals("True")) {
            throw new NpyFormatException(source, "Fortran-ordered arrays are not supported; save with "
                    + "np.save(path, np.ascontiguousarray(a)) to write C order");
        }
        String descr = d.group(1);
        if (descr.length() < 2) {
            throw new NpyFormatException(source, "unsupported dtype '" + descr + "'");
        }
        NpyDtype dtype = NpyDtype.fromCode(descr.substring(1));
        char orderChar = descr.charAt(0);
        ByteOrder order = switch (orderChar) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            case '|' -> ByteOrder.LITTLE_ENDIAN;
            default -> null;
        };
        if (dtype == null || order == null || (orderChar == '|' && dtype.itemSize() != 1)) {
            throw new NpyFormatException(source, "unsupported dtype '" + descr
                    + "'; supported: float64, float32, int32, int64, uint8");
        }
        String dims = s.group(1).trim();
        long[] shape;
        if (dims.isEmpty()) {
            shape = new long[0];
        } else {
            String[] parts = dims.split(",");
            int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
            shape = new long[n];
            try {
                for (int i = 0; i < n; i++) {
                    shape[i] = Long.parseLong(parts[i].trim().replace("L", ""));
                    if (shape[i] < 0) {
                        throw new NumberFormatException();
                    }
                }
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source, "malformed shape (" + dims + ") in .npy header");
            }
        }
        return new NpyHeader(dtype, order, shape, dataOffset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && h.order.equals(order)
                && Arrays.equals(h.shape, shape) && h.dataOffset == dataOffset;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + dataOffset;
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype + ", " + order + ", shape=" + pythonTuple(shape) + ", dataOffset=" + dataOffset + "]";
    }
}
