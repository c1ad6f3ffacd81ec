package org.ntkexplorer.cli;

import java.io.PrintWriter;

import org.ntkexplorer.core.AppInfo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the headless command line; every subcommand works over the same core API as the window. */
@Command(name = "ntk-explorer",
        mixinStandardHelpOptions = true,
        versionProvider = NtkCli.Version.class,
        description = "Explore where the Neural Tangent Kernel stops explaining finite networks.%n"
                + "Without a subcommand (and without any argument) the window opens.",
        subcommands = {InfoCommand.class, DatasetsCommand.class, MakeSampleCommand.class, KernelCommand.class, BenchCommand.class, RunCommand.class, MergeCommand.class, CommandLine.HelpCommand.class})
public final class NtkCli implements Runnable {
    /** Exit status for a command that ran but failed; usage errors use picocli's 2. */
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new NtkCli());
        cl.setExecutionExceptionHandler(NtkCli::reportFailure);
        return cl;
    }

    /** A failure is reported as one line naming the problem; the stack trace goes to the log only. */
    private static int reportFailure(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("error: " + msg.replace('\n', ' '));
        err.flush();
        org.slf4j.LoggerFactory.getLogger(NtkCli.class).debug("command failed", ex);
        return EXIT_FAILURE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version()};
        }
    }
}
