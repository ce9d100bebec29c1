package dev.sinkwatch.collector.attribution;

import dev.sinkwatch.collector.cli.CommandLines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.sinkwatch.collector.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sinkwatch-collector attribution}: builds an attribution index from a git repository. The collector's
 * {@code Main} dispatches here; this class only declares its options and reports.
 *
 * <p>Exit codes: 0 built, 1 the repository cannot be indexed (message says why and how to fix), 2 usage error.
 */
@Command(name = "attribution", sortOptions = false, usageHelpWidth = 110,
        description = "Builds an AI attribution index (JSON, format sinkwatch-attribution/1) from a git repository: "
                + "for every Java/Kotlin source file, which line ranges were written by which AI tool, by a human, "
                + "or are unknown.",
        footer = {"",
            "Readers, most precise first: git-ai notes (refs/notes/ai), Agent Trace (.agent-trace/traces.jsonl), "
                    + "commit trailers and AI identities (Co-authored-by, Assisted-by, Generated-by, Made-with, "
                    + "bots), in-source markers (// @ai-generated begin ... end, @AIGenerated). See docs/attribution.md."
        })
public final class AttributionCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--repo", paramLabel = "DIR", required = true,
            description = "repository work tree (or bare repository) to read")
    String repo;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "where to write the index; '-' for standard output")
    String outFile;

    @Option(names = "--rev", paramLabel = "REV", description = "commit to index (default HEAD); use the commit you deploy")
    String rev;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "index only source files under DIR (repository-relative); repeatable. Default: every "
                    + ".java/.kt file; roots such as src/main/java are detected")
    List<String> roots = new ArrayList<>();

    @Option(names = "--service", paramLabel = "NAME",
            description = "service name to record in the index (matches service.name)")
    String service;

    @Option(names = "--notes-ref", paramLabel = "REF", description = "git-ai notes ref (default refs/notes/ai)")
    String notesRef;

    @Option(names = "--require-notes", description = "fail if the git-ai notes ref is missing (default: warn)")
    boolean requireNotes;

    @Option(names = "--allow-shallow", description = "index a shallow clone: lines at the boundary are marked "
            + "unknown (default: fail and explain how to unshallow)")
    boolean allowShallow;

    @Option(names = "--quiet", description = "no progress output on stderr")
    boolean quiet;

    private final PrintStream out;
    private final PrintStream err;

    AttributionCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after the subcommand name (a leading {@code "attribution"} is tolerated)
     * @param out  where {@code --help} and {@code --out -} write
     * @param err  progress, warnings and errors
     * @return the exit code: 0 built, 1 cannot index (explained on {@code err}), 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("attribution")) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        return CommandLines.execute(new AttributionCommand(out, err), args, out, err);
    }

    /** A new instance for {@code Main} to register as its {@code attribution} subcommand. */
    public static AttributionCommand writingTo(PrintStream out, PrintStream err) {
        return new AttributionCommand(out, err);
    }

    @Override
    public Integer call() {
        IndexBuilder.Options options = new IndexBuilder.Options(Path.of(repo), rev, roots, service, allowShallow,
                requireNotes, notesRef, quiet ? null : err);
        try {
            long t0 = System.nanoTime();
            AttributionIndex index = new IndexBuilder(options).build();
            if (outFile.equals("-")) {
                index.write(out);
                out.println();
                out.flush();
            } else {
                index.save(Path.of(outFile));
            }
            if (!quiet) {
                err.printf("attribution: index of %s at %s written to %s in %d ms%n", repo, index.commit(),
                        outFile, (System.nanoTime() - t0) / 1_000_000);
            }
            return CommandLines.EXIT_OK;
        } catch (AttributionException e) {
            err.println("attribution: error: " + e.getMessage());
            return CommandLines.EXIT_FAILURE;
        } catch (IOException | RuntimeException e) {
            err.println("attribution: error: " + e);
            return CommandLines.EXIT_FAILURE;
        }
    }
}
