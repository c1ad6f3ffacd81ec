package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.util.List;

import org.ntkexplorer.core.data.CatalogEntry;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.DatasetStatistics;
import org.ntkexplorer.core.data.ExampleArray;
import org.ntkexplorer.core.data.Task;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "datasets", mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        description = "List the datasets that can be opened now, or describe one in detail.")
final class DatasetsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--describe", paramLabel = "SPEC",
            description = "Counts per class, value range, mean and standard deviation of one dataset.")
    String describe;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (describe != null) {
            describe(out, DatasetRegistry.open(describe));
        } else {
            list(out);
        }
        out.flush();
    }

    private static void list(PrintWriter out) {
        for (CatalogEntry e : DatasetRegistry.catalog()) {
            out.printf("%-22s %s%n", e.spec(), e.summary());
            if (e.available() && (e.spec().equals(DatasetRegistry.SAMPLE) || e.spec().equals(DatasetRegistry.FASHION_MNIST))) {
                DatasetSource s = DatasetRegistry.open(e.spec());
                out.printf("%-22s   %s; %s%n", "", shapeLine(s), e.note());
            } else {
                out.printf("%-22s   %s%s%n", "", e.available() ? "" : "NOT AVAILABLE: ", e.note());
            }
        }
    }

    static String shapeLine(DatasetSource s) {
        String test = s.test().map(t -> t.size() + " test").orElse("no separate test part");
        String targets = s.task() == Task.CLASSIFICATION ? s.classNames().size() + " classes" : s.outputs() + (s.outputs() == 1 ? " output" : " outputs");
        return String.format("%d train, %s, example shape %s, %s", s.train().size(), test, shape(s.train().shape()), targets);
    }

    private static String shape(int[] shape) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append('}').toString();
    }

    private static void describe(PrintWriter out, DatasetSource s) {
        out.println(s.spec());
        out.println("  " + s.description());
        out.println("  " + shapeLine(s));
        part(out, s, "train", s.train());
        s.test().ifPresent(t -> part(out, s, "test", t));
    }

    private static void part(PrintWriter out, DatasetSource s, String name, ExampleArray part) {
        int classes = s.task() == Task.CLASSIFICATION ? s.classNames().size() : 0;
        DatasetStatistics st = DatasetStatistics.of(part, classes);
        out.printf("  %s: %d examples; raw values %s..%s (rawMax %s), mean %.4f, std %.4f, %.1f%% of values at the minimum%n",
                name, st.size(), num(st.min()), num(st.max()), num(part.rawMax()), st.mean(), st.std(), 100 * st.fractionAtMin());
        if (st.perClass() != null) {
            out.println("    per class: " + perClass(s.classNames(), st.perClass()));
        }
    }

    /**
     * "0 T-shirt/top: 600, …" with each run of empty classes as one entry, so that a stray label of 200 in an IDX
     * file reads "10–199: none" rather than two hundred entries; names that only repeat the id are left out.
     */
    static String perClass(List<String> names, int[] per) {
        List<String> out = new java.util.ArrayList<>();
        for (int c = 0; c < per.length; c++) {
            int end = c;
            while (per[c] == 0 && end + 1 < per.length && per[end + 1] == 0) {
                end++;
            }
            if (end > c + 1) {
                out.add(c + "–" + end + ": none");
                c = end;
                continue;
            }
            String name = names.get(c).equals(Integer.toString(c)) ? "" : " " + names.get(c);
            out.add(c + name + ": " + per[c]);
        }
        return String.join(", ", out);
    }

        private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.4g", v);
    }
}
