package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.ntkexplorer.core.kernel.KernelExport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.ntkexplorer.core.experiment.run.KernelBlockMerge;
import org.ntkexplorer.core.experiment.run.RunMerge;

@Command(name = "merge", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = NtkCli.Version.class,
        description = "Merge the folders of a sharded run (run --shard) into one run folder, which the window opens "
                + "like any other. The shards must have run the same spec and together hold every unit once. Given the "
                + "folders of kernel --block K/N, merge assembles the kernel folder instead: every block once, one spec.")
final class MergeCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "Run folders of the shards, or the folders of "
            + "kernel blocks.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder to create.")
    Path out;

    @Option(names = "--partial", description = "Merge even when units are missing (they are listed); resuming the "
            + "merged folder computes them.")
    boolean partial;

    @Override
    public Integer call() throws Exception {
        if (shards.stream().anyMatch(d -> KernelBlockMerge.isBlock(d) || java.nio.file.Files.exists(d.resolve("model.json")))) {
            return mergeKernel();
        }
        String taken = org.ntkexplorer.core.experiment.store.RunFolder.newFolderProblem(out);
        if (taken != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), taken);
        }
        for (Path shard : shards) {
            if (!org.ntkexplorer.core.experiment.store.RunFolder.isRun(shard)) {
                throw new CommandLine.ParameterException(spec.commandLine(), shard + " is not a run folder (it has "
                        + "no " + org.ntkexplorer.core.experiment.store.RunFolder.SPEC_FILE + "); name the --out folders of "
                        + "the shards");
            }
        }
        RunMerge.Result r = RunMerge.merge(shards, out, partial);
        PrintWriter o = spec.commandLine().getOut();
        FitSummary.lines(r.fits()).forEach(o::println);
        if (!r.missing().isEmpty()) {
            o.printf("missing %d of %d units (not merged):%n", r.missing().size(), r.totalUnits());
            r.missing().forEach(m -> o.println("  " + m));
            o.printf("finish them with run --resume on their shards and merge again, or run --resume %s%n", r.dir());
        }
        o.printf("merged %d folders, %d of %d units, into %s%n", r.shards(), r.units(), r.totalUnits(),
                r.dir().toAbsolutePath());
        if (org.ntkexplorer.core.experiment.run.RunKernelBlocks.blocksOf(r.dir()) > 0) {
            o.printf("the infinite-width learners are still kernel blocks: run --resume %s solves them%n", r.dir());
        }
        o.flush();
        return 0;
    }

    /** The blocks of one kernel into the folder `kernel` writes without --block. */
    private int mergeKernel() throws java.io.IOException {
        String taken = KernelExport.targetProblem(out, false,
                org.ntkexplorer.core.experiment.store.RunFolder.isRun(out));
        if (taken != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), taken);
        }
        if (partial) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partial merges run shards; a kernel needs "
                    + "every block, so leave out --partial and compute the missing blocks");
        }
        long start = System.nanoTime();
        KernelBlockMerge.Result r = KernelBlockMerge.merge(shards, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("merged %d blocks into the %d×%d kernel in %.2f s; written to %s%n", r.blocks(), r.n(), r.n(),
                (System.nanoTime() - start) / 1e9, r.dir().toAbsolutePath());
        o.flush();
        return 0;
    }
}
