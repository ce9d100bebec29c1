package dev.sinkwatch.collector.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every sinkwatch command (picocli mixin); there is no {@code --version} to offer. */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
