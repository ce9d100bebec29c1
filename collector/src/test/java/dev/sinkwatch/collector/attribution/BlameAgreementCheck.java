package dev.sinkwatch.collector.attribution;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Compares the index's per-line commits with {@code git blame} (the git CLI must be installed) on a repository
 * generated like {@link IndexBuildBenchmark}'s. Not a unit test; a check of the history walk's semantics.
 *
 * <pre>
 * mvn -B -q -pl collector test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
 *     -Dexec.mainClass=dev.sinkwatch.collector.attribution.BlameAgreementCheck -Dexec.classpathScope=test \
 *     -Dexec.args="800 150"
 * </pre>
 * Prints, for plain {@code git blame}, {@code -M} and {@code -M -C}, how many lines get the same commit, and the
 * first differing lines of the last variant.
 */
public final class BlameAgreementCheck {
    private BlameAgreementCheck() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        Path dir = Files.createTempDirectory("sinkwatch-blame-check");
        try {
            IndexBuildBenchmark.generate(dir, commits, files);
            AttributionIndex index = new IndexBuilder(IndexBuilder.Options.of(dir)).build();
            List<List<String>> variants = List.of(List.of(), List.of("-M"), List.of("-M", "-C"));
            for (List<String> flags : variants) {
                long same = 0;
                long total = 0;
                int shown = 0;
                for (IndexedFile f : index.files()) {
                    List<String> gitShas = blame(dir, f.path(), flags);
                    for (int line = 1; line <= f.lineCount(); line++) {
                        String ours = f.regionAt(line).commit();
                        String theirs = line - 1 < gitShas.size() ? gitShas.get(line - 1) : null;
                        total++;
                        if (Objects.equals(ours, theirs)) {
                            same++;
                        } else if (flags.size() == 2 && shown++ < 10) {
                            System.out.printf("  %s:%d ours %.8s, git %.8s%n", f.path(), line, ours, theirs);
                        }
                    }
                }
                System.out.printf("git blame %s: %d of %d lines have the same commit (%.2f%%)%n",
                        String.join(" ", flags), same, total, 100.0 * same / total);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The commit of each line of {@code path} at HEAD per {@code git blame --porcelain}. */
    private static List<String> blame(Path dir, String path, List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "blame", "--porcelain"));
        cmd.addAll(flags);
        cmd.add("HEAD");
        cmd.add("--");
        cmd.add(path);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        List<String> shas = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                // Header lines: "<40 hex> <orig line> <final line> [<group size>]"
                if (line.length() > 41 && line.charAt(40) == ' ' && line.substring(0, 40).matches("[0-9a-f]{40}")) {
                    String[] parts = line.split(" ");
                    int finalLine = Integer.parseInt(parts[2]);
                    while (shas.size() < finalLine) {
                        shas.add(null);
                    }
                    shas.set(finalLine - 1, parts[0]);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git blame failed for " + path);
        }
        return shas;
    }
}
