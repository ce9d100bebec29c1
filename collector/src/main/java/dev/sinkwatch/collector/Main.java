package dev.sinkwatch.collector;

import dev.sinkwatch.collector.attribution.AttributionCommand;
import dev.sinkwatch.collector.cli.CommandLines;
import dev.sinkwatch.collector.config.ConfigException;
import dev.sinkwatch.collector.config.ConfigLoader;
import dev.sinkwatch.collector.config.Setting;
import dev.sinkwatch.collector.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import dev.sinkwatch.collector.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The collector's command line: {@code serve} (the default when the first argument is an option or absent) and
 * {@code attribution}. {@link Collector} builds and wires the components; this class only parses and reports.
 *
 * <p>Exit codes: 0 success, 1 runtime failure, 2 bad usage or configuration.
 */
@Command(name = "sinkwatch-collector", usageHelpWidth = 110,
        description = "Runtime anomaly monitor for JVM services: the collector.",
        synopsisSubcommandLabel = "[COMMAND]",
        footer = {"", "Run 'java -jar sinkwatch-collector.jar COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    static final int EXIT_OK = CommandLines.EXIT_OK;
    static final int EXIT_FAILURE = CommandLines.EXIT_FAILURE;
    static final int EXIT_USAGE = CommandLines.EXIT_USAGE;

    private Main() {
    }

    public static void main(String[] args) {
        boolean serving = args.length == 0 || args[0].equals("serve")
                || args[0].startsWith("-") && !args[0].equals("--help") && !args[0].equals("-h");
        int code = run(args, System.out, System.err);
        // After serve returns the JVM is already shutting down (System.exit from a shutdown hook would hang).
        if (!serving || code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Runs a subcommand to completion ({@code serve} until the JVM is asked to stop) and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] effective = args;
        boolean topLevelHelp = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
        if (!topLevelHelp && (args.length == 0 || args[0].startsWith("-"))) {
            effective = new String[args.length + 1];
            effective[0] = "serve";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        CommandLine commandLine = new CommandLine(new Main())
                .addSubcommand("serve", serve(out, err))
                .addSubcommand("attribution", AttributionCommand.writingTo(out, err));
        return CommandLines.execute(commandLine, effective, out, err);
    }

    /** Without a subcommand picocli runs this: only when asked for nothing; print the usage. */
    @Override
    public Integer call() {
        return EXIT_USAGE;
    }

    /**
     * The {@code serve} command: {@code --config FILE}, {@code --set KEY=VALUE} and one option per setting that has
     * a flag, all from the settings catalogue, so the help and the accepted options cannot drift from it.
     */
    static CommandLine serve(PrintStream out, PrintStream err) {
        List<ConfigLoader.Flag> flags = new ArrayList<>();
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> serve(flags, out, err));
        spec.name("serve");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.usageMessage()
                .description("Serves OTLP/HTTP ingest (default port 4318) and the API, /metrics and /healthz "
                        + "(default port 4319).")
                .width(110)
                .footer(settingsTable());
        spec.addOption(flagOption("--config", "FILE", "YAML config file (or SINKWATCH_CONFIG); unknown keys are errors",
                flags));
        spec.addOption(flagOption("--set", "KEY=VALUE", "set any setting below; repeatable", flags));
        for (Setting setting : Settings.all()) {
            if (setting.flag() != null) {
                spec.addOption(flagOption(setting.flag(), "V", setting.key() + " (default "
                        + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue()) + ")", flags));
            }
        }
        CommandLine commandLine = new CommandLine(spec);
        // Every flag is recorded in order as given (later wins), so a repeated one is no error.
        commandLine.setOverwrittenOptionsAllowed(true);
        return commandLine;
    }

    private static OptionSpec flagOption(String name, String label, String description,
            List<ConfigLoader.Flag> into) {
        return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description)
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T value) {
                        if (value != null) {
                            into.add(new ConfigLoader.Flag(name, (String) value));
                        }
                        return null;
                    }
                }).build();
    }

    private static String settingsTable() {
        StringBuilder help = new StringBuilder("%nSettings (file key / environment variable / default):%n");
        for (Setting setting : Settings.all()) {
            help.append(String.format("  %-30s %-38s %s%%n      %s%%n", setting.key(), setting.environmentVariable(),
                    setting.defaultValue().isEmpty() ? "(none)" : setting.defaultValue(),
                    setting.description().replace("%", "%%")));
        }
        help.append("%nPrecedence: flags > environment > config file > defaults. Exit code 2 on a bad configuration.");
        return help.toString();
    }

    private static int serve(List<ConfigLoader.Flag> flags, PrintStream out, PrintStream err) {
        ConfigLoader.Result loaded;
        try {
            loaded = ConfigLoader.load(flags, System.getenv());
        } catch (ConfigException e) {
            err.println("sinkwatch-collector: configuration error: " + e.getMessage());
            return EXIT_USAGE;
        }
        loaded.warnings().forEach(w -> err.println("sinkwatch-collector: warning: " + w));
        Collector collector;
        try {
            collector = Collector.start(loaded.config());
        } catch (ConfigException e) {
            err.println("sinkwatch-collector: configuration error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("sinkwatch-collector: cannot start: " + e.getMessage());
            LOG.log(Level.FINE, "start failed", e);
            return EXIT_FAILURE;
        }
        out.println("sinkwatch collector: OTLP on http://" + collector.host() + ":" + collector.otlpPort()
                + "/v1/logs, API on http://" + collector.host() + ":" + collector.apiPort() + "/api/alerts");
        out.print(loaded.config().describe());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            stopped.countDown();
        }, "sinkwatch-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }
}
