package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.util.List;

import org.ntkexplorer.core.AppInfo;
import org.ntkexplorer.core.data.DatasetException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;

/** Root of the headless command line; every subcommand works over the same core API as the window. */
@Command(name = "ntk-explorer",
        mixinStandardHelpOptions = true,
        versionProvider = NtkCli.Version.class,
        description = "Explore where the Neural Tangent Kernel stops explaining finite networks.%n"
                + "Without a subcommand (and without any argument) the window opens.",
        subcommands = {InfoCommand.class, DatasetsCommand.class, MakeSampleCommand.class, KernelCommand.class, BenchCommand.class, RunCommand.class, MergeCommand.class, TuneCommand.class, CommandLine.HelpCommand.class})
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
        cl.setParameterExceptionHandler(NtkCli::reportUsageError);
        return cl;
    }

    /**
     * A failure is reported as one line naming the problem (a list of problems keeps one per line); the stack
     * trace goes to the log only. A spec or job that cannot run is a usage error, whatever stage found it.
     */
    private static int reportFailure(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof InvalidSpecException || isUsage(ex)) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        err.println("error: " + Failures.describe(ex).replace('\n', ' '));
        err.flush();
        org.slf4j.LoggerFactory.getLogger(NtkCli.class).debug("command failed", ex);
        return EXIT_FAILURE;
    }

    /**
     * A dataset that the user named wrongly or asked too much of is a usage error (2), like the same problem found in
     * a spec; a dataset file that cannot be read is a failure of the data (1).
     */
    static boolean isUsage(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        if (t instanceof InvalidSpecException) {
            return true;
        }
        return t instanceof DatasetException d && switch (d.problem()) {
            case UNKNOWN_DATASET, BAD_SPEC, TOO_MANY_REQUESTED, UNKNOWN_CLASS -> true;
            default -> false;
        };
    }

    /** The problem and where the options are explained, not the whole usage text after every typo. */
    private static int reportUsageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        List<String> unknown = cl.getUnmatchedArguments();
        if (ex instanceof CommandLine.MissingParameterException && !unknown.isEmpty()) {
            // picocli checks required options before unknown ones: "--bogus" would be reported as a missing --out.
            ex = new CommandLine.UnmatchedArgumentException(cl, unknown);
        }
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return EXIT_USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version()};
        }
    }
}
