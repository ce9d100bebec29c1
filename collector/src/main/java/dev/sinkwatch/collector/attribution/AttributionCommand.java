package dev.sinkwatch.collector.attribution;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sinkwatch-collector attribution}: builds an attribution index from a git repository. The collector's
 * {@code Main} dispatches here; this class only parses arguments and reports.
 *
 * <p>Exit codes: 0 built, 1 the repository cannot be indexed (message says why and how to fix), 2 usage error.
 */
public final class AttributionCommand {
    static final String USAGE = String.join("\n",
            "Usage: java -jar sinkwatch-collector.jar attribution --repo DIR --out FILE [options]",
            "",
            "Builds an AI attribution index (JSON, format sinkwatch-attribution/1) from a git repository: for every",
            "Java/Kotlin source file, which line ranges were written by which AI tool, by a human, or are unknown.",
            "",
            "Options:",
            "  --repo DIR           repository work tree (or bare repository) to read (required)",
            "  --out FILE           where to write the index; '-' for standard output (required)",
            "  --rev REV            commit to index (default HEAD); use the commit you deploy",
            "  --source-root DIR    index only source files under DIR (repository-relative); repeatable.",
            "                       Default: every .java/.kt file; roots such as src/main/java are detected",
            "  --service NAME       service name to record in the index (matches service.name)",
            "  --notes-ref REF      git-ai notes ref (default refs/notes/ai)",
            "  --require-notes      fail if the git-ai notes ref is missing (default: warn)",
            "  --allow-shallow      index a shallow clone: lines at the boundary are marked unknown",
            "                       (default: fail and explain how to unshallow)",
            "  --quiet              no progress output on stderr",
            "  --help               this text",
            "",
            "Readers, most precise first: git-ai notes (refs/notes/ai), Agent Trace (.agent-trace/traces.jsonl),",
            "commit trailers and AI identities (Co-authored-by, Assisted-by, Generated-by, Made-with, bots),",
            "in-source markers (// @ai-generated begin ... end, @AIGenerated). See docs/attribution.md.");

    private AttributionCommand() {
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
        String repo = null;
        String outFile = null;
        String rev = null;
        String service = null;
        String notesRef = null;
        boolean allowShallow = false;
        boolean requireNotes = false;
        boolean quiet = false;
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String inlineValue = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inlineValue = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                case "--allow-shallow":
                    allowShallow = true;
                    continue;
                case "--require-notes":
                    requireNotes = true;
                    continue;
                case "--quiet":
                    quiet = true;
                    continue;
                default:
                    break;
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    return usage(err, "option " + a + " needs a value");
                }
                value = args[++i];
            }
            switch (a) {
                case "--repo":
                    repo = value;
                    break;
                case "--out":
                    outFile = value;
                    break;
                case "--rev":
                    rev = value;
                    break;
                case "--source-root":
                    roots.add(value);
                    break;
                case "--service":
                    service = value;
                    break;
                case "--notes-ref":
                    notesRef = value;
                    break;
                default:
                    return usage(err, "unknown option " + a);
            }
        }
        if (repo == null) {
            return usage(err, "--repo is required");
        }
        if (outFile == null) {
            return usage(err, "--out is required");
        }
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
            return 0;
        } catch (AttributionException e) {
            err.println("attribution: error: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("attribution: error: " + e);
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("attribution: " + problem);
        err.println("Run with --help for usage.");
        return 2;
    }
}
