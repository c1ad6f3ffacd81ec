package org.ntkexplorer.core.experiment.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One CSV file of a run folder, read and written through its {@link RowSchema}. Rows are appended whole: each
 * append is one write of complete lines, flushed to the disk before it returns, so a crash can cut at most the
 * last line short. A cut line (no line end) or a row that does not parse is reported and never read as data;
 * {@link #repair} removes it so that its unit is computed again. The header is written whenever the file is
 * created or found empty.
 */
public final class CsvTable<R> {
    private static final String SEP = "\n";
    private final Path file;
    private final RowSchema<R> schema;
    private final Consumer<String> report;

    public CsvTable(Path dir, RowSchema<R> schema, Consumer<String> report) {
        this.file = dir.resolve(schema.file());
        this.schema = schema;
        this.report = report;
    }

    public Path path() {
        return file;
    }

    /** Every readable row, in file order; an unreadable one is reported and left out. */
    public List<R> read() throws IOException {
        List<R> out = new ArrayList<>();
        Parsed p = parse();
        for (String[] cells : p.rows) {
            out.add(schema.parse(new RowSchema.Cells(byName(p.header, cells))));
        }
        return out;
    }

    /** Drops a cut last line and rows that do not parse, rewriting the file in the current layout when needed. */
    public void repair() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Parsed p = parse();
        boolean current = p.header.equals(schema.columns());
        if (p.dropped == 0 && current) {
            return;
        }
        List<R> rows = new ArrayList<>();
        for (String[] cells : p.rows) {
            rows.add(schema.parse(new RowSchema.Cells(byName(p.header, cells))));
        }
        rewrite(rows);
        if (!current && !p.header.isEmpty()) {
            report.accept("rewrote " + file.getFileName() + " in the current layout");
        }
    }

    public void append(R row) {
        append(List.of(row));
    }

    /** Appends rows in one write, with the header first when the file is new or empty. */
    public void append(List<R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            if (ch.size() == 0) {
                text.append(String.join(",", schema.columns())).append(SEP);
            }
            for (R r : rows) {
                text.append(line(r)).append(SEP);
            }
            ByteBuffer b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps only the rows {@code keep} accepts (used to redo an unfinished unit); the file is replaced whole. */
    public void retain(Predicate<R> keep) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<R> rows = read();
        List<R> kept = rows.stream().filter(keep).toList();
        if (kept.size() != rows.size()) {
            rewrite(kept);
        }
    }

    /** Replaces the file with these rows (header first), atomically. */
    public void rewrite(List<R> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", schema.columns()));
        for (R r : rows) {
            lines.add(line(r));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, String.join(SEP, lines) + SEP, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String line(R row) {
        String[] cells = schema.cells(row);
        for (String c : cells) {
            if (c.indexOf(',') >= 0 || c.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a " + schema.file() + " cell holds a comma or line break: " + c);
            }
        }
        return String.join(",", cells);
    }

    private record Parsed(List<String> header, List<String[]> rows, int dropped) {
    }

    private Parsed parse() throws IOException {
        if (!Files.exists(file)) {
            return new Parsed(List.of(), List.of(), 0);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return new Parsed(List.of(), List.of(), 0);
        }
        boolean cut = !text.endsWith("\n");
        String[] lines = text.split("\r?\n", -1);
        int last = lines.length - 1;
        // With a line end at the end, split leaves one empty string after it; without, the last line is cut short.
        int end = cut ? last : last - 1;
        List<String> header = Arrays.asList(lines[0].split(",", -1));
        int dropped = 0;
        if (cut && last == 0) {
            report.accept(schema.file() + " held only a cut-off header; it is written again");
            return new Parsed(List.of(), List.of(), 1);
        }
        if (cut) {
            report.accept(schema.file() + " ended in a row cut short by a crash (\"" + lines[last]
                    + "\"); it is not used and its unit will be computed again");
            dropped++;
        }
        List<String[]> rows = new ArrayList<>();
        java.util.Set<Object> keys = new java.util.HashSet<>();
        for (int i = 1; i <= end; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            if (cells.length != header.size() || !parses(header, cells)) {
                report.accept(schema.file() + " line " + (i + 1) + " cannot be read (\"" + lines[i]
                        + "\"); it is not used and its unit will be computed again");
                dropped++;
                continue;
            }
            Object key = schema.key(schema.parse(new RowSchema.Cells(byName(header, cells))));
            if (key != null && !keys.add(key)) {
                report.accept(schema.file() + " line " + (i + 1) + " repeats a row already read for the same unit (\""
                        + lines[i] + "\"); it is counted once, and the repeat is dropped");
                dropped++;
                continue;
            }
            rows.add(cells);
        }
        return new Parsed(header, rows, dropped);
    }

    private boolean parses(List<String> header, String[] cells) {
        try {
            schema.parse(new RowSchema.Cells(byName(header, cells)));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, String> byName(List<String> header, String[] cells) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < cells.length; i++) {
            m.put(header.get(i), cells[i]);
        }
        return m;
    }
}
