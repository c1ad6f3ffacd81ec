package org.ntkexplorer.cli;

import java.util.Map;

import org.ntkexplorer.core.compute.ComputeEnvironment;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        description = "Backend (CPU/CUDA), BLAS vendor and threads, heap and free memory.")
final class InfoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        for (Map.Entry<String, String> e : ComputeEnvironment.describe().entrySet()) {
            out.printf("%-16s %s%n", e.getKey(), e.getValue());
        }
        out.flush();
    }
}
