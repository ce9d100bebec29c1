package dev.sinkwatch.collector.attribution;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Times {@link IndexBuilder} on a generated repository. Not a unit test (not named *Test, never run by surefire).
 *
 * <p>Workload: {@code commits} commits (default 5,000) over {@code files} Java files (default 2,000) in 4 modules ×
 * 10 packages. The first {@code files} commits each create one file (40–120 lines); the rest each change 1–3 files:
 * insert a method (6–12 lines), edit a line, delete 1–4 lines, or move a method within the file; every 97th commit
 * renames a file. Authors: 60% human, 25% with a Claude Code trailer, 8% a Copilot co-author, 5% Cursor, 2% Devin
 * as author. History is linear; objects are written to one pack, then delta-compressed as a clone's pack would be
 * ({@code git repack -adf}, or JGit's aggressive gc without git) before timing. Fixed seed.
 *
 * <p>Run (docs/attribution.md, "Benchmark"):
 * <pre>
 * mvn -B -q -pl collector test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
 *     -Dexec.mainClass=dev.sinkwatch.collector.attribution.IndexBuildBenchmark -Dexec.classpathScope=test \
 *     -Dexec.args="5000 2000"
 * </pre>
 */
public final class IndexBuildBenchmark {
    private static final String[] HUMANS = {"Alice Dev <alice@example.com>", "Bob Smith <bob@example.com>",
        "Chen Wei <chen@example.com>", "Dana Ruiz <dana@example.com>"};

    private IndexBuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path dir = Files.createTempDirectory("sinkwatch-attribution-bench");
        try {
            long t0 = System.nanoTime();
            generate(dir, commits, files);
            long genMillis = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            String packing = deltaCompress(dir);
            long gcMillis = (System.nanoTime() - t1) / 1_000_000;
            long packBytes;
            try (Stream<Path> packs = Files.list(dir.resolve(".git/objects/pack"))) {
                packBytes = packs.filter(p -> p.toString().endsWith(".pack")).mapToLong(p -> p.toFile().length())
                        .sum();
            }
            System.out.printf("generated %d commits, %d files in %d ms; %s in %d ms (pack %d KiB); at %s%n",
                    commits, files, genMillis, packing, gcMillis, packBytes >> 10, dir);
            for (int run = 1; run <= 2; run++) {
                System.gc();
                long start = System.nanoTime();
                long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                AttributionIndex index = new IndexBuilder(new IndexBuilder.Options(dir, null, List.of(), "bench",
                        false, false, null, run == 1 ? System.err : null)).build();
                long millis = (System.nanoTime() - start) / 1_000_000;
                long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
                long used = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                long lines = index.files().stream().mapToLong(IndexedFile::lineCount).sum();
                long aiLines = index.aiRegions().stream().mapToLong(r -> r.endLine() - r.startLine() + 1L).sum();
                Path out = dir.resolve("index.json");
                index.save(out);
                System.out.printf("run %d: index build %d ms wall, %d ms CPU (building thread); %d files, %d lines, %d AI lines in %d AI regions;"
                                + " index %d KiB; heap used after %d MiB%n", run, millis, cpuMillis, index.files().size(), lines,
                        aiLines, index.aiRegions().size(), Files.size(out) >> 10, used);
            }
            System.out.printf("cores %d, load average %.1f, max heap %d MiB, java %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Repacks with delta compression, as a clone's pack is: {@code git repack -adf} when git is installed (fast),
     * else JGit's aggressive gc (slower, same effect).
     */
    private static String deltaCompress(Path dir) throws Exception {
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "repack", "-a", "-d", "-f", "-q",
                    "--window=10", "--depth=50").inheritIO().start();
            if (p.waitFor() == 0) {
                return "git repack -adf";
            }
        } catch (IOException e) {
            // no git on PATH: fall through
        }
        try (Git git = Git.open(dir.toFile())) {
            git.gc().setAggressive(true).call();
        }
        return "JGit gc --aggressive";
    }

    static void generate(Path dir, int commits, int fileCount) throws Exception {
        Random rnd = new Random(42);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            Map<String, List<String>> contents = new TreeMap<>();
            Map<String, ObjectId> blobs = new TreeMap<>();
            List<String> paths = new ArrayList<>();
            ObjectId parent = null;
            long when = 1_600_000_000L;
            int methodSeq = 0;
            // One pack instead of ~60,000 loose objects; gc then delta-compresses it as a clone would be.
            try (ObjectInserter ins = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
                for (int c = 0; c < commits; c++) {
                    List<String> changed = new ArrayList<>();
                    if (c < fileCount) {
                        int m = c % 4;
                        int p = (c / 4) % 10;
                        String cls = "C" + c;
                        String pkg = "com.bench.m" + m + ".p" + p;
                        String path = "mod" + m + "/src/main/java/" + pkg.replace('.', '/') + "/" + cls + ".java";
                        List<String> lines = new ArrayList<>();
                        lines.add("package " + pkg + ";");
                        lines.add("");
                        lines.add("public class " + cls + " {");
                        int methods = 4 + rnd.nextInt(12);
                        for (int k = 0; k < methods; k++) {
                            lines.addAll(method(cls, methodSeq++, 4 + rnd.nextInt(5)));
                        }
                        lines.add("}");
                        contents.put(path, lines);
                        paths.add(path);
                        changed.add(path);
                    } else {
                        int n = 1 + rnd.nextInt(3);
                        for (int k = 0; k < n; k++) {
                            String path = paths.get(rnd.nextInt(paths.size()));
                            List<String> lines = contents.get(path);
                            int kind = rnd.nextInt(10);
                            if (kind < 4) {
                                lines.addAll(3 + rnd.nextInt(Math.max(1, lines.size() - 4)),
                                        method("X", methodSeq++, 4 + rnd.nextInt(7)));
                            } else if (kind < 7) {
                                int at = 3 + rnd.nextInt(Math.max(1, lines.size() - 4));
                                lines.set(at, "        v = tweak(v, " + c + ", \"" + path.hashCode() + "\");");
                            } else if (kind < 9 && lines.size() > 20) {
                                int at = 3 + rnd.nextInt(lines.size() - 10);
                                for (int d = 0, del = 1 + rnd.nextInt(4); d < del; d++) {
                                    lines.remove(at);
                                }
                            } else if (lines.size() > 30) {
                                int from = 3 + rnd.nextInt(lines.size() - 20);
                                List<String> block = new ArrayList<>(lines.subList(from, from + 8));
                                lines.subList(from, from + 8).clear();
                                lines.addAll(lines.size() - 1, block);
                            }
                            changed.add(path);
                        }
                        if (c % 97 == 0) {
                            int i = rnd.nextInt(paths.size());
                            String old = paths.get(i);
                            String renamed = old.replace(".java", "") + "Renamed" + c + ".java";
                            contents.put(renamed, contents.remove(old));
                            blobs.remove(old);
                            paths.set(i, renamed);
                            changed.add(renamed);
                        }
                    }
                    for (String path : changed) {
                        List<String> lines = contents.get(path);
                        if (lines != null) {
                            blobs.put(path, ins.insert(Constants.OBJ_BLOB,
                                    (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                    DirCache index = DirCache.newInCore();
                    DirCacheBuilder b = index.builder();
                    for (Map.Entry<String, ObjectId> e : blobs.entrySet()) {
                        DirCacheEntry entry = new DirCacheEntry(e.getKey());
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(e.getValue());
                        b.add(entry);
                    }
                    b.finish();
                    ObjectId tree = index.writeTree(ins);
                    CommitBuilder cb = new CommitBuilder();
                    cb.setTreeId(tree);
                    if (parent != null) {
                        cb.setParentId(parent);
                    }
                    when += 600;
                    int who = rnd.nextInt(100);
                    String human = HUMANS[rnd.nextInt(HUMANS.length)];
                    String message = "Change " + c;
                    if (who < 25) {
                        message += "\n\nCo-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>";
                    } else if (who < 33) {
                        message += "\n\nCo-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>";
                    } else if (who < 38) {
                        message += "\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>";
                    } else if (who < 40) {
                        human = "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>";
                    }
                    PersonIdent id = ident(human, when);
                    cb.setAuthor(id);
                    cb.setCommitter(id);
                    cb.setMessage(message);
                    parent = ins.insert(cb);
                    if (c % 1000 == 999) {
                        System.err.printf("generate: %d/%d commits%n", c + 1, commits);
                    }
                }
                ins.flush();
            }
            RefUpdate ru = repo.updateRef("refs/heads/main");
            ru.setNewObjectId(parent);
            ru.setForceUpdate(true);
            ru.update();
        }
    }

    private static PersonIdent ident(String who, long when) {
        int lt = who.indexOf('<');
        return new PersonIdent(who.substring(0, lt).trim(), who.substring(lt + 1, who.indexOf('>')),
                Instant.ofEpochSecond(when), ZoneOffset.UTC);
    }

    private static List<String> method(String cls, int seq, int body) {
        List<String> lines = new ArrayList<>();
        lines.add("    int method" + seq + "(int v) {");
        for (int i = 0; i < body; i++) {
            lines.add("        v = step(v, " + seq + ", \"" + cls + "-" + seq + "-" + i + "\");");
        }
        lines.add("        return v;");
        lines.add("    }");
        return lines;
    }

}
