package dev.sinkwatch.collector.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs a picocli command the way every sinkwatch command line behaves: {@code --help} prints to {@code out} and exits
 * 0; a usage error prints what is wrong and the usage to {@code err} and exits 2; an unexpected failure prints its
 * message (not a stack trace) and exits 1.
 */
public final class CommandLines {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private CommandLines() {
    }

    public static int execute(CommandLine commandLine, String[] args, PrintStream out, PrintStream err) {
        commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(cl.getCommandName() + ": failed: " + e.getMessage());
            return EXIT_FAILURE;
        });
        commandLine.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandName() + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.usage(failed.getErr());
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }

    /** {@link #execute(CommandLine, String[], PrintStream, PrintStream)} of a fresh command line for {@code command}. */
    public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        return execute(new CommandLine(command), args, out, err);
    }
}
