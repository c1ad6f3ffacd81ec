package org.ntkexplorer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.SampleMaker;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "make-sample", mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        description = "Write a stratified Fashion-MNIST subset as gzipped IDX files "
        + "with its licence and a README (how it was made, SHA-256 of every file).")
final class MakeSampleCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", defaultValue = DatasetRegistry.FASHION_MNIST, description = "Dataset spec (default ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--per-class-train", defaultValue = "600", description = "Training images per class (default ${DEFAULT-VALUE}).")
    int perClassTrain;

    @Option(names = "--per-class-test", defaultValue = "200", description = "Test images per class (default ${DEFAULT-VALUE}).")
    int perClassTest;

    @Option(names = "--seed", defaultValue = "0", description = "Selection seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (perClassTrain < 1 || perClassTest < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--per-class-train must be ≥ 1 and --per-class-test ≥ 0");
        }
        String command = String.format("java -jar target/ntk-explorer.jar make-sample --source %s --per-class-train %d "
                + "--per-class-test %d --seed %d --out %s", source, perClassTrain, perClassTest, seed, out);
        PrintWriter w = spec.commandLine().getOut();
        for (SampleMaker.WrittenFile f : SampleMaker.make(DatasetRegistry.open(source), perClassTrain, perClassTest, seed, out, command)) {
            w.printf("%s  %s%n", f.sha256(), out.resolve(f.name()));
        }
        w.flush();
        return 0;
    }
}
