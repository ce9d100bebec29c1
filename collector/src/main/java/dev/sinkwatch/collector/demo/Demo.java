package dev.sinkwatch.collector.demo;

import java.io.PrintStream;

/** The {@code demo} subcommand. */
public final class Demo {

    private Demo() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("sinkwatch-collector demo: not available in this build yet");
        return 1;
    }
}
