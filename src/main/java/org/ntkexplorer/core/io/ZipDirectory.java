package org.ntkexplorer.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The central directory of a zip file, read directly because java.util.zip does not reveal where an
 * entry's data start — which is what memory-mapping a STORED .npz member needs. Handles ZIP64, which NumPy
 * uses for every member it writes.
 */
final class ZipDirectory {
    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int EOCD_SIG = 0x06054b50;
    private static final int EOCD64_LOCATOR_SIG = 0x07064b50;
    private static final int EOCD64_SIG = 0x06064b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int EOCD_MIN = 22;
    private static final int MAX_COMMENT = 0xffff;

    record Entry(String name, int method, long compressedSize, long size, long dataStart) {
    }

    private ZipDirectory() {
    }

    static List<Entry> read(Path path) throws IOException {
        String source = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            int tailLen = (int) Math.min(fileSize, EOCD_MIN + MAX_COMMENT);
            ByteBuffer tail = readAt(ch, fileSize - tailLen, tailLen, source);
            int eocd = -1;
            for (int i = tailLen - EOCD_MIN; i >= 0; i--) {
                if (tail.getInt(i) == EOCD_SIG) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new NpyFormatException(source, "not a zip/.npz file (no end-of-central-directory record; truncated?)");
            }
            long entries = tail.getShort(eocd + 10) & 0xffff;
            long cdSize = tail.getInt(eocd + 12) & 0xffffffffL;
            long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
            long eocdPos = fileSize - tailLen + eocd;
            if ((entries == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) && eocdPos >= 20) {
                ByteBuffer loc = readAt(ch, eocdPos - 20, 20, source);
                if (loc.getInt(0) == EOCD64_LOCATOR_SIG) {
                    ByteBuffer e64 = readAt(ch, loc.getLong(8), 56, source);
                    if (e64.getInt(0) != EOCD64_SIG) {
                        throw new NpyFormatException(source, "corrupt ZIP64 end-of-central-directory record");
                    }
                    entries = e64.getLong(32);
                    cdSize = e64.getLong(40);
                    cdOffset = e64.getLong(48);
                }
            }
            if (cdOffset + cdSize > fileSize || cdSize > Integer.MAX_VALUE) {
                throw new NpyFormatException(source, "truncated: the central directory lies beyond the end of the file");
            }
            ByteBuffer cd = readAt(ch, cdOffset, (int) cdSize, source);
            List<Entry> out = new ArrayList<>();
            int p = 0;
            for (long k = 0; k < entries; k++) {
                if (p + 46 > cd.limit() || cd.getInt(p) != CENTRAL_SIG) {
                    throw new NpyFormatException(source, "corrupt central directory at entry " + k);
                }
                int method = cd.getShort(p + 10) & 0xffff;
                long csize = cd.getInt(p + 20) & 0xffffffffL;
                long usize = cd.getInt(p + 24) & 0xffffffffL;
                int nameLen = cd.getShort(p + 28) & 0xffff;
                int extraLen = cd.getShort(p + 30) & 0xffff;
                int commentLen = cd.getShort(p + 32) & 0xffff;
                long localOffset = cd.getInt(p + 42) & 0xffffffffL;
                byte[] nameBytes = new byte[nameLen];
                cd.get(p + 46, nameBytes);
                long[] sizes = {usize, csize, localOffset};
                applyZip64Extra(cd, p + 46 + nameLen, extraLen, sizes);
                String name = new String(nameBytes, StandardCharsets.UTF_8);
                out.add(new Entry(name, method, sizes[1], sizes[0], dataStart(ch, sizes[2], fileSize, source + "!" + name)));
                p += 46 + nameLen + extraLen + commentLen;
            }
            return out;
        }
    }

    /** Fields the 32-bit record marks 0xffffffff are replaced, in order, by the ZIP64 extra field. */
    private static void applyZip64Extra(ByteBuffer cd, int start, int length, long[] sizes) {
        int p = start;
        while (p + 4 <= start + length) {
            int id = cd.getShort(p) & 0xffff;
            int len = cd.getShort(p + 2) & 0xffff;
            if (id == 0x0001) {
                int q = p + 4;
                for (int i = 0; i < sizes.length && q + 8 <= p + 4 + len; i++) {
                    if (sizes[i] == 0xffffffffL) {
                        sizes[i] = cd.getLong(q);
                        q += 8;
                    }
                }
                return;
            }
            p += 4 + len;
        }
    }

    private static long dataStart(FileChannel ch, long localOffset, long fileSize, String source) throws IOException {
        if (localOffset + 30 > fileSize) {
            throw new NpyFormatException(source, "truncated: local header lies beyond the end of the file");
        }
        ByteBuffer local = readAt(ch, localOffset, 30, source);
        if (local.getInt(0) != LOCAL_SIG) {
            throw new NpyFormatException(source, "corrupt zip: no local header where the directory points");
        }
        return localOffset + 30 + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length, String source) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new NpyFormatException(source, "truncated zip file");
            }
        }
        return b.flip();
    }
}
