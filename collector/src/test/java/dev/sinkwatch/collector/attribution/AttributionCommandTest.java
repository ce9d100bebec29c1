package dev.sinkwatch.collector.attribution;

import static dev.sinkwatch.collector.attribution.TestRepo.ALICE;
import static dev.sinkwatch.collector.attribution.TestRepo.fields;
import static dev.sinkwatch.collector.attribution.TestRepo.javaClass;
import static dev.sinkwatch.collector.attribution.TestRepo.method;
import static dev.sinkwatch.collector.attribution.TestRepo.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, the index file format and the errors a user can fix. */
class AttributionCommandTest {
    static final String ORDERS = "src/main/java/com/acme/Orders.java";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return AttributionCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private RevCommit[] twoCommits(TestRepo repo) throws Exception {
        repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3)));
        RevCommit c1 = repo.commit(ALICE, "Orders");
        repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("page", "claude", 4)));
        RevCommit c2 = repo.commit(ALICE, "Paging\n\nCo-Authored-By: Claude <noreply@anthropic.com>");
        return new RevCommit[] {c1, c2};
    }

    @Test
    @DisplayName("--help documents every option")
    void help() {
        assertEquals(0, run("--help"));
        String help = outBytes.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--repo", "--out", "--rev", "--source-root", "--service", "--notes-ref",
                "--require-notes", "--allow-shallow", "--quiet", "--help")) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    @DisplayName("usage errors exit 2 with a reason")
    void usageErrors() {
        assertEquals(2, run("--out", "x.json"));
        assertTrue(err().contains("Missing required option: '--repo=DIR'"), err());
        assertEquals(2, run("--repo", dir.toString()));
        assertEquals(2, run("--repo", dir.toString(), "--out", "x", "--bogus", "1"));
        assertTrue(err().contains("'--bogus'"), err());
        assertEquals(2, run("--repo"));
    }

    @Test
    @DisplayName("a directory that is not a git repository is a clear error")
    void notARepository() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertEquals(1, run("--repo", plain.toString(), "--out", dir.resolve("i.json").toString()));
        assertTrue(err().contains("not a git repository: " + plain), err());
    }

    @Test
    @DisplayName("an empty repository and an unknown --rev are clear errors")
    void emptyRepositoryAndUnknownRevision() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("empty"))) {
            assertEquals(1, run("--repo", repo.dir.toString(), "--out", dir.resolve("i.json").toString()));
            assertTrue(err().contains("has no commits yet"), err());
            twoCommits(repo);
            assertEquals(1, run("--repo", repo.dir.toString(), "--out", dir.resolve("i.json").toString(),
                    "--rev", "no-such-branch"));
            assertTrue(err().contains("revision 'no-such-branch' not found"), err());
        }
    }

    @Test
    @DisplayName("writes a versioned index that loads back with the same answers; --rev indexes an older commit")
    void writesAndLoads() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("repo"))) {
            RevCommit[] c = twoCommits(repo);
            Path out = dir.resolve("out/index.json");
            assertEquals(0, run("--repo", repo.dir.toString(), "--out", out.toString(), "--service", "orders"), err());
            assertTrue(err().contains("attribution: 2 commits, 1 files"), err());
            JsonNode json = new ObjectMapper().readTree(out.toFile());
            assertEquals("sinkwatch-attribution/1", json.path("format").asText());
            assertEquals(c[1].name(), json.path("commit").asText());
            assertEquals("orders", json.path("service").asText());
            JsonNode range = json.path("files").get(0).path("ranges").get(1);
            assertEquals("ai", range.path("class").asText());
            assertEquals("Claude Code", range.path("tool").asText());
            assertEquals("trailer", range.path("source").asText());
            assertEquals("Paging", json.path("commits").path(c[1].name()).path("summary").asText());

            AttributionIndex loaded = AttributionIndex.load(out);
            AttributionIndex built = repo.index();
            assertEquals(summary(built, ORDERS), summary(loaded, ORDERS));
            assertEquals(List.of("1-6 human commit", "7-12 ai Claude Code trailer", "13-13 human commit"),
                    summary(loaded, ORDERS));
            assertEquals("orders", loaded.service().orElseThrow());
            assertEquals(built.lookup("com.acme.Orders", 8), loaded.lookup("com.acme.Orders", 8));
            assertEquals(built.aiRegions(), loaded.aiRegions());
            assertEquals("Alice Dev <alice@example.com>", loaded.lookup("com.acme.Orders", 8).orElseThrow().author());

            assertEquals(RevisionCheck.Status.MATCH, loaded.checkRevision(c[1].name()).status());
            assertEquals(RevisionCheck.Status.MATCH, loaded.checkRevision(c[1].name().substring(0, 7)).status());
            RevisionCheck other = loaded.checkRevision(c[0].name());
            assertEquals(RevisionCheck.Status.MISMATCH, other.status());
            assertTrue(other.message().contains("rebuild the index"), other.message());
            assertEquals(RevisionCheck.Status.UNKNOWN, loaded.checkRevision("1.4.2").status());
            assertEquals(RevisionCheck.Status.UNKNOWN, loaded.checkRevision(null).status());

            assertEquals(0, run("--repo", repo.dir.toString(), "--out", "-", "--rev", c[0].name(), "--quiet"));
            AttributionIndex old = AttributionIndex.read(new ByteArrayInputStream(outBytes.toByteArray()));
            assertEquals(c[0].name(), old.commit());
            assertEquals(List.of("1-7 human commit"), summary(old, ORDERS));
            assertTrue(old.service().isEmpty());
        }
    }

    @Test
    @DisplayName("a bare repository is indexed too; a leading 'attribution' argument is tolerated")
    void bareRepository() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("origin"))) {
            RevCommit[] c = twoCommits(repo);
            Path bare = dir.resolve("bare.git");
            Git.cloneRepository().setURI(repo.dir.toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                    .call().close();
            Path out = dir.resolve("bare.json");
            assertEquals(0, run("attribution", "--repo", bare.toString(), "--out=" + out, "--quiet"), err());
            AttributionIndex index = AttributionIndex.load(out);
            assertEquals(c[1].name(), index.commit());
            assertEquals(List.of("1-6 human commit", "7-12 ai Claude Code trailer", "13-13 human commit"),
                    summary(index, ORDERS));
        }
    }

    @Test
    @DisplayName("other JSON is rejected by format")
    void rejectsOtherFormats() {
        Exception e = assertThrows(java.io.IOException.class, () -> AttributionIndex.read(
                new ByteArrayInputStream("{\"format\":\"other/2\"}".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("other/2"), e.getMessage());
    }

    @Test
    @DisplayName("a shallow clone fails with how to unshallow; --allow-shallow marks boundary lines unknown")
    void shallowClone() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("origin"))) {
            twoCommits(repo);
            Path clone = dir.resolve("clone");
            try (Git g = Git.cloneRepository().setURI(repo.dir.toUri().toString()).setDirectory(clone.toFile())
                    .setDepth(1).call()) {
                assertEquals(1, g.getRepository().getObjectDatabase().getShallowCommits().size());
            }
            assertEquals(1, run("--repo", clone.toString(), "--out", dir.resolve("i.json").toString()));
            assertTrue(err().contains("shallow clone"), err());
            assertTrue(err().contains("git fetch --unshallow"), err());

            AttributionIndex index = new IndexBuilder(new IndexBuilder.Options(clone, null, List.of(), null, true,
                    false, null, null)).build();
            assertTrue(index.shallow());
            assertEquals(List.of("1-13 unknown none"), summary(index, ORDERS));
            assertTrue(index.aiRegions().isEmpty());
        }
    }

    @Test
    @DisplayName("a clone without the notes ref says which refspec fetches it (an error with --require-notes)")
    void notesNotFetched() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("origin"))) {
            RevCommit[] c = twoCommits(repo);
            repo.note(c[1], "x\n---\n{}");
            Path clone = dir.resolve("clone");
            Git.cloneRepository().setURI(repo.dir.toUri().toString()).setDirectory(clone.toFile()).call().close();
            assertEquals(0, run("--repo", clone.toString(), "--out", dir.resolve("i.json").toString()));
            assertTrue(err().contains("git fetch origin 'refs/notes/ai:refs/notes/ai'"), err());
            assertEquals(1, run("--repo", clone.toString(), "--out", dir.resolve("i.json").toString(),
                    "--require-notes"));
            assertTrue(err().contains("error: no refs/notes/ai"), err());
        }
    }
}
