package org.ntkexplorer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** One CLI invocation in-process, with what it printed, for the command tests. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = NtkCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
