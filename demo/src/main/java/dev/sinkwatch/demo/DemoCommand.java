package dev.sinkwatch.demo;

import dev.sinkwatch.collector.cli.CommandLines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import dev.sinkwatch.collector.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo's command line ({@code ./run demo}, {@code java -jar demo/target/sinkwatch-demo.jar}). Exit code 0 when
 * every attack raised its alert, each alert carried an attribution and learning raised none; 1 otherwise; 2 on bad
 * usage.
 */
@Command(name = "sinkwatch-demo", sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Commits the sample shop app's sources to a git repository in a temporary directory (a short history: "
                    + "human commits, one with Claude Code trailers, one by Cursor's agent), builds its AI attribution "
                    + "index, starts a collector in this JVM (embedded storage, free ports on 127.0.0.1) and uploads "
                    + "the index, runs the app in a child JVM under the real agent, lets it learn benign traffic, then "
                    + "makes it do five attacks and prints each alert as it arrives, with who wrote its call site: SQL "
                    + "injection, path traversal, SSRF to the cloud metadata address, a shell exec, a gadget class "
                    + "deserialized. Last, the app's AI-written regions with the sinks each was seen using.",
            "Nothing leaves the machine: SQL goes to in-memory H2, the metadata request goes to a proxy on a loopback "
                    + "port, the shell is 'sh -c true'."
        })
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--agent", paramLabel = "PATH", description = "the agent jar (default ${DEFAULT-VALUE})")
    Path agent = Path.of("agent/target/sinkwatch-agent.jar");

    @Option(names = "--learn-seconds", paramLabel = "N",
            description = "benign traffic before the attacks (default ${DEFAULT-VALUE})")
    int learnSeconds = 8;

    @Option(names = "--keep-data", description = "keep the collector's data directory")
    boolean keep;

    private final PrintStream out;
    private final PrintStream err;

    private DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLines.execute(new DemoCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(agent)) {
            err.println("demo: agent jar not found at " + agent.toAbsolutePath()
                    + "; build it (mvn -B -DskipTests package) or pass --agent PATH");
            return CommandLines.EXIT_USAGE;
        }
        Path work;
        try {
            work = Files.createTempDirectory("sinkwatch-demo");
        } catch (IOException e) {
            err.println("demo: cannot create a work directory: " + e.getMessage());
            return CommandLines.EXIT_FAILURE;
        }
        try {
            return Demo.demo(agent, work, learnSeconds, out);
        } catch (Exception e) {
            err.println("demo: failed: " + e.getMessage());
            return CommandLines.EXIT_FAILURE;
        } finally {
            if (keep) {
                out.println("data kept in " + work);
            } else {
                Demo.delete(work);
            }
        }
    }
}
