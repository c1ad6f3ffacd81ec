package org.ntkexplorer.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An open .npz archive. STORED members (what np.savez writes) are memory-mapped where they lie in the
 * file; DEFLATED members (np.savez_compressed) are inflated into memory when read.
 */
public final class NpzFile {
    private static final String SUFFIX = ".npy";

    private final Path path;
    private final Map<String, ZipDirectory.Entry> entries;

    private NpzFile(Path path, Map<String, ZipDirectory.Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    static NpzFile open(Path path) throws IOException {
        Map<String, ZipDirectory.Entry> byName = new LinkedHashMap<>();
        for (ZipDirectory.Entry e : ZipDirectory.read(path)) {
            String name = e.name().endsWith(SUFFIX) ? e.name().substring(0, e.name().length() - SUFFIX.length()) : e.name();
            byName.put(name, e);
        }
        return new NpzFile(path, byName);
    }

    public Path path() {
        return path;
    }

    /** Array names in archive order, without the ".npy" suffix. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The member as an {@link NpyFile} when it is STORED (mappable, readable by row range). */
    public Optional<NpyFile> mapped(String name) throws IOException {
        ZipDirectory.Entry e = entry(name);
        if (e.method() != ZipDirectory.STORED) {
            return Optional.empty();
        }
        return Optional.of(NpyFile.open(path, e.dataStart(), e.dataStart() + e.compressedSize(), source(name)));
    }

    public NpyArray read(String name) throws IOException {
        ZipDirectory.Entry e = entry(name);
        return switch (e.method()) {
            case ZipDirectory.STORED -> mapped(name).orElseThrow().readAll();
            case ZipDirectory.DEFLATED -> Npy.read(inflate(e, source(name)), source(name));
            default -> throw new NpyFormatException(source(name), "unsupported zip compression method " + e.method()
                    + "; write the archive with np.savez or np.savez_compressed");
        };
    }

    private ByteBuffer inflate(ZipDirectory.Entry e, String source) throws IOException {
        if (e.size() > Integer.MAX_VALUE - 8 || e.compressedSize() > Integer.MAX_VALUE) {
            throw new NpyFormatException(source, "compressed member of " + e.size()
                    + " bytes is too large to inflate into memory; save it with np.savez (uncompressed)");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (e.dataStart() + e.compressedSize() > ch.size()) {
                throw new NpyFormatException(source, "truncated: compressed data run past the end of the file");
            }
            ByteBuffer in = ch.map(FileChannel.MapMode.READ_ONLY, e.dataStart(), e.compressedSize());
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(in);
                byte[] out = new byte[(int) e.size()];
                int n = 0;
                while (n < out.length && !inflater.finished()) {
                    int got = inflater.inflate(out, n, out.length - n);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
                if (n != out.length) {
                    throw new NpyFormatException(source, "truncated: inflated " + n + " of " + out.length + " bytes");
                }
                return ByteBuffer.wrap(out);
            } catch (DataFormatException ex) {
                throw new NpyFormatException(source, "corrupt compressed data", ex);
            } finally {
                inflater.end();
            }
        }
    }

    private ZipDirectory.Entry entry(String name) throws NpyFormatException {
        ZipDirectory.Entry e = entries.get(name);
        if (e == null) {
            throw new NpyFormatException(path.toString(), "no array named '" + name + "'; it holds " + names());
        }
        return e;
    }

    private String source(String name) {
        return path + "!" + name + SUFFIX;
    }
}
