package dev.sinkwatch.collector.attribution;

import static dev.sinkwatch.collector.attribution.TestRepo.ALICE;
import static dev.sinkwatch.collector.attribution.TestRepo.BOB;
import static dev.sinkwatch.collector.attribution.TestRepo.fields;
import static dev.sinkwatch.collector.attribution.TestRepo.javaClass;
import static dev.sinkwatch.collector.attribution.TestRepo.method;
import static dev.sinkwatch.collector.attribution.TestRepo.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History-shaped scenarios: which commit and tool each line ends up with after edits, moves, renames, merges. */
class AttributionHistoryTest {
    static final String ORDERS = "src/main/java/com/acme/Orders.java";
    static final String CLAUDE_TRAILER = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>";

    @TempDir
    Path dir;

    /** c1: human class (fields 4-6, audit 7-12, brace 13); c2: Claude adds page() at 7-12 (audit moves to 13-18). */
    private RevCommit[] humanThenClaude(TestRepo repo) throws Exception {
        repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("audit", "human", 4)));
        RevCommit c1 = repo.commit(ALICE, "Orders skeleton");
        repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("page", "claude", 4),
                method("audit", "human", 4)));
        RevCommit c2 = repo.commit(ALICE, "Add paging\n\nSome explanation.\n\n🤖 Generated with [Claude Code]"
                + "(https://claude.com/claude-code)\n\n" + CLAUDE_TRAILER + "\n");
        return new RevCommit[] {c1, c2};
    }

    @Test
    @DisplayName("a Co-Authored-By trailer attributes exactly the lines its commit wrote, with tool and model")
    void trailerAttributesCommitLines() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit[] c = humanThenClaude(repo);
            AttributionIndex index = repo.index();
            assertEquals(List.of("1-6 human commit", "7-12 ai Claude Code (Claude Sonnet 4.5) trailer",
                    "13-19 human commit"), summary(index, ORDERS));
            assertEquals(c[1].name(), index.commit());
            Region ai = index.lookup("com.acme.Orders", 9).orElseThrow();
            assertEquals(c[1].name(), ai.commit());
            assertEquals("Alice Dev <alice@example.com>", ai.author());
            assertEquals("Add paging", ai.summary());
            assertEquals(0.7, ai.confidence(), 1e-9);
            assertEquals(c[0].name(), index.lookup("com.acme.Orders", 15).orElseThrow().commit());
            // Inner classes and lambdas share the outer class's file.
            assertEquals(Authorship.AI, index.lookup("com.acme.Orders$Page", 8).orElseThrow().authorship());
            assertEquals(Authorship.AI,
                    index.lookup("com.acme.Orders$$Lambda/0x000001", 8).orElseThrow().authorship());
            assertEquals(Authorship.HUMAN, index.lookup("com.acme.Orders", 4).orElseThrow().authorship());
            assertTrue(index.lookup("com.acme.Missing", 4).isEmpty());
            assertTrue(index.lookup("com.acme.Orders", 500).isEmpty());
            assertEquals(List.of(ORDERS + ":7-12 ai Claude Code (Claude Sonnet 4.5) " + c[1].name().substring(0, 10)),
                    index.aiRegions().stream().map(Region::describe).toList());
            assertEquals(List.of("src/main/java"), index.sourceRoots());
        }
    }

    @Test
    @DisplayName("a human edit inside an AI range splits it; the edited line is the human's")
    void humanEditInsideAiRange() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit[] c = humanThenClaude(repo);
            List<String> lines = repo.read(ORDERS);
            lines.set(8, "        n += compute(\"bob\", \"page\", 1);");
            repo.write(ORDERS, lines);
            RevCommit c3 = repo.commit(BOB, "Fix page offset");
            AttributionIndex index = repo.index();
            assertEquals(List.of("1-6 human commit", "7-8 ai Claude Code (Claude Sonnet 4.5) trailer",
                    "9-9 human commit", "10-12 ai Claude Code (Claude Sonnet 4.5) trailer", "13-19 human commit"),
                    summary(index, ORDERS));
            assertEquals(c3.name(), index.lookup("com.acme.Orders", 9).orElseThrow().commit());
            assertEquals(c[1].name(), index.lookup("com.acme.Orders", 10).orElseThrow().commit());
        }
    }

    @Test
    @DisplayName("a moved method keeps its AI origin (blame -M), in the same file and extracted to another (-C)")
    void movedMethodKeepsOrigin() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit[] c = humanThenClaude(repo);
            List<String> lines = repo.read(ORDERS);
            lines.set(8, "        n += compute(\"bob\", \"page\", 1);");
            repo.write(ORDERS, lines);
            RevCommit c3 = repo.commit(BOB, "Fix page offset");
            // Move page() below audit().
            List<String> moved = new ArrayList<>(lines.subList(0, 6));
            moved.addAll(lines.subList(12, 18));
            moved.addAll(lines.subList(6, 12));
            moved.add("}");
            repo.write(ORDERS, moved);
            repo.commit(BOB, "Move page below audit");
            AttributionIndex index = repo.index();
            assertEquals(List.of("1-12 human commit", "13-14 ai Claude Code (Claude Sonnet 4.5) trailer",
                    "15-15 human commit", "16-18 ai Claude Code (Claude Sonnet 4.5) trailer", "19-19 human commit"),
                    summary(index, ORDERS));
            assertEquals(c[0].name(), index.lookup("com.acme.Orders", 8).orElseThrow().commit());
            assertEquals(c[1].name(), index.lookup("com.acme.Orders", 17).orElseThrow().commit());
            assertEquals(c3.name(), index.lookup("com.acme.Orders", 15).orElseThrow().commit());

            // Extract page() into its own class: the method's lines keep their origins.
            List<String> orders = new ArrayList<>(moved.subList(0, 12));
            orders.add("}");
            repo.write(ORDERS, orders);
            String paging = "src/main/java/com/acme/Paging.java";
            repo.write(paging, javaClass("com.acme", "Paging", moved.subList(12, 18)));
            RevCommit c5 = repo.commit(BOB, "Extract paging");
            index = repo.index();
            assertEquals(List.of("1-13 human commit"), summary(index, ORDERS));
            assertEquals(List.of("1-3 human commit", "4-5 ai Claude Code (Claude Sonnet 4.5) trailer",
                    "6-6 human commit", "7-9 ai Claude Code (Claude Sonnet 4.5) trailer", "10-10 human commit"),
                    summary(index, paging));
            assertEquals(c5.name(), index.lookup("com.acme.Paging", 3).orElseThrow().commit());
            assertEquals(c[1].name(), index.lookup("com.acme.Paging", 8).orElseThrow().commit());
        }
    }

    @Test
    @DisplayName("a renamed file (new package and class name) keeps its lines' origins")
    void renameKeepsOrigins() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit[] c = humanThenClaude(repo);
            List<String> lines = repo.read(ORDERS);
            lines.set(0, "package com.acme.orders;");
            lines.set(2, "public class OrderRepository {");
            repo.delete(ORDERS);
            String renamed = "src/main/java/com/acme/orders/OrderRepository.java";
            repo.write(renamed, lines);
            RevCommit c3 = repo.commit(BOB, "Rename Orders to OrderRepository");
            AttributionIndex index = repo.index();
            assertTrue(index.file(ORDERS).isEmpty());
            assertEquals(List.of("1-1 human commit", "2-2 human commit", "3-3 human commit", "4-6 human commit",
                    "7-12 ai Claude Code (Claude Sonnet 4.5) trailer", "13-19 human commit"), summary(index, renamed));
            assertEquals(c3.name(), index.lookup("com.acme.orders.OrderRepository", 1).orElseThrow().commit());
            assertEquals(c[0].name(), index.lookup("com.acme.orders.OrderRepository", 2).orElseThrow().commit());
            Region ai = index.lookup("com.acme.orders.OrderRepository$Page", 10).orElseThrow();
            assertEquals(c[1].name(), ai.commit());
            assertEquals(renamed, ai.path());
            assertTrue(index.lookup("com.acme.Orders", 10).isEmpty());
        }
    }

    @Test
    @DisplayName("a squash merge's trailers attribute the squashed lines to the squash commit")
    void squashMerge() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("audit", "human", 4)));
            repo.commit(ALICE, "Orders skeleton");
            repo.git.checkout().setCreateBranch(true).setName("feature").call();
            repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("export", "cursor", 3),
                    method("audit", "human", 4)));
            repo.commit(ALICE, "WIP export");
            repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("export", "cursor", 4),
                    method("audit", "human", 4)));
            repo.commit(ALICE, "more export");
            repo.git.checkout().setName("main").call();
            MergeResult result = repo.git.merge().include(repo.git.getRepository().resolve("feature"))
                    .setSquash(true).call();
            assertTrue(result.getMergeStatus().isSuccessful(), result.toString());
            RevCommit squash = repo.commit(ALICE, "Add export (#42)\n\n* WIP export\n\n* more export\n\n"
                    + "Co-authored-by: Cursor Agent <cursoragent@cursor.com>\n");
            AttributionIndex index = repo.index();
            assertEquals(List.of("1-6 human commit", "7-12 ai Cursor trailer", "13-19 human commit"),
                    summary(index, ORDERS));
            Region ai = index.lookup("com.acme.Orders", 7).orElseThrow();
            assertEquals(squash.name(), ai.commit());
            assertEquals("Add export (#42)", ai.summary());
        }
    }

    @Test
    @DisplayName("a merge commit passes lines to the parent they came from (AI branch lines keep the AI commit)")
    void trueMerge() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("audit", "human", 4)));
            RevCommit c1 = repo.commit(ALICE, "Orders skeleton");
            repo.git.checkout().setCreateBranch(true).setName("feature").call();
            repo.write(ORDERS, javaClass("com.acme", "Orders", fields("h", 3), method("export", "codex", 4),
                    method("audit", "human", 4)));
            RevCommit c2 = repo.commit(ALICE, "Implement export\n\nCo-authored-by: Codex <noreply@openai.com>");
            repo.git.checkout().setName("main").call();
            List<String> lines = repo.read(ORDERS);
            lines.set(3, "    int h0 = initialValue(\"bob\", 0);");
            repo.write(ORDERS, lines);
            RevCommit c3 = repo.commit(BOB, "Tune h0");
            MergeResult result = repo.git.merge().include(repo.git.getRepository().resolve("feature"))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).setCommit(true)
                    .setMessage("Merge branch 'feature'").call();
            assertTrue(result.getMergeStatus().isSuccessful(), result.toString());
            AttributionIndex index = repo.index();
            assertEquals(2, repo.git.getRepository().parseCommit(
                    repo.git.getRepository().resolve(Constants.HEAD)).getParentCount());
            assertEquals(List.of("1-3 human commit", "4-4 human commit", "5-6 human commit",
                    "7-12 ai OpenAI Codex trailer", "13-19 human commit"), summary(index, ORDERS));
            assertEquals(c3.name(), index.lookup("com.acme.Orders", 4).orElseThrow().commit());
            assertEquals(c2.name(), index.lookup("com.acme.Orders", 9).orElseThrow().commit());
            assertEquals(c1.name(), index.lookup("com.acme.Orders", 14).orElseThrow().commit());
            assertFalse(index.aiRegions().isEmpty());
        }
    }
}
