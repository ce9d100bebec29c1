package dev.sinkwatch.collector.attribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository in a temp dir, written through JGit, for attribution tests. */
final class TestRepo implements AutoCloseable {
    static final String ALICE = "Alice Dev <alice@example.com>";
    static final String BOB = "Bob Smith <bob@example.com>";

    final Path dir;
    final Git git;
    private long clock = 1_700_000_000L;

    private TestRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static TestRepo init(Path dir) throws GitAPIException {
        return new TestRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    TestRepo write(String path, List<String> lines) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return this;
    }

    TestRepo writeRaw(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return this;
    }

    List<String> read(String path) throws IOException {
        return new ArrayList<>(Files.readAllLines(dir.resolve(path)));
    }

    TestRepo delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        return this;
    }

    /** Stages everything (additions, changes, deletions) and commits as {@code who} ("Name <email>"). */
    RevCommit commit(String who, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        PersonIdent id = ident(who);
        return git.commit().setAuthor(id).setCommitter(id).setMessage(message).setSign(false).call();
    }

    PersonIdent ident(String who) {
        int lt = who.indexOf('<');
        String name = who.substring(0, lt).trim();
        String email = who.substring(lt + 1, who.indexOf('>'));
        clock += 60;
        return new PersonIdent(name, email, Instant.ofEpochSecond(clock), ZoneOffset.UTC);
    }

    void note(RevCommit commit, String text) throws GitAPIException {
        git.notesAdd().setNotesRef("refs/notes/ai").setObjectId(commit).setMessage(text).call();
    }

    AttributionIndex index() throws Exception {
        return new IndexBuilder(IndexBuilder.Options.of(dir)).build();
    }

    @Override
    public void close() {
        git.close();
    }

    // ---- content helpers -------------------------------------------------------------------------------------

    /** A method of {@code body} statement lines plus its signature and closing brace: body + 2 lines. */
    static List<String> method(String name, String tag, int body) {
        List<String> lines = new ArrayList<>();
        lines.add("    int " + name + "(int n) {");
        for (int i = 0; i < body - 1; i++) {
            lines.add("        n += compute(\"" + tag + "\", \"" + name + "\", " + i + ");");
        }
        lines.add("        return n;");
        lines.add("    }");
        return lines;
    }

    static List<String> fields(String tag, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("    int " + tag + i + " = initialValue(\"" + tag + "\", " + i + ");");
        }
        return lines;
    }

    @SafeVarargs
    static List<String> javaClass(String pkg, String cls, List<String>... members) {
        List<String> lines = new ArrayList<>();
        lines.add("package " + pkg + ";");
        lines.add("");
        lines.add("public class " + cls + " {");
        for (List<String> m : members) {
            lines.addAll(m);
        }
        lines.add("}");
        return lines;
    }

    /** Compact, assertable form of a file's regions: {@code "7-12 ai Claude Code (model) trailer"}. */
    static List<String> summary(AttributionIndex index, String path) {
        IndexedFile f = index.file(path).orElseThrow(() -> new AssertionError("not indexed: " + path
                + "; indexed: " + index.files().stream().map(IndexedFile::path).collect(Collectors.toList())));
        return f.regions().stream().map(TestRepo::summary).collect(Collectors.toList());
    }

    static String summary(Region r) {
        StringBuilder sb = new StringBuilder().append(r.startLine()).append('-').append(r.endLine()).append(' ')
                .append(r.authorship().label());
        if (r.tool() != null) {
            sb.append(' ').append(r.tool());
        }
        if (r.model() != null) {
            sb.append(" (").append(r.model()).append(')');
        }
        return sb.append(' ').append(r.source()).toString();
    }
}
