package dev.sinkwatch.collector.attribution;

import static dev.sinkwatch.collector.attribution.TestRepo.ALICE;
import static dev.sinkwatch.collector.attribution.TestRepo.BOB;
import static dev.sinkwatch.collector.attribution.TestRepo.fields;
import static dev.sinkwatch.collector.attribution.TestRepo.javaClass;
import static dev.sinkwatch.collector.attribution.TestRepo.method;
import static dev.sinkwatch.collector.attribution.TestRepo.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers 1, 2 and 4 on real repositories: git-ai notes, Agent Trace records, in-source markers. */
class ReadersTest {
    static final String BILLING = "src/main/java/com/acme/billing/Billing.java";

    @TempDir
    Path dir;

    @Test
    @DisplayName("git-ai notes (sessions, legacy prompts, known humans) map through later edits to the indexed lines")
    void gitAiNotes() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(BILLING, javaClass("com.acme.billing", "Billing", fields("b", 4), method("charge", "x", 6),
                    method("refund", "y", 4)));
            RevCommit c1 = repo.commit(ALICE, "Billing");
            repo.note(c1, String.join("\n",
                    BILLING,
                    "  s_c9883b05a2487d::t_9f8e7d6c5b4a32 8-12",
                    "  s_c9883b05a2487d::t_a1b2c3d4e5f678 13-15",
                    "  h_31dce776f88375 16-17",
                    "  abcd1234abcd1234 18,20",
                    "---",
                    "{",
                    "  \"schema_version\": \"authorship/3.0.0\",",
                    "  \"git_ai_version\": \"1.4.5\",",
                    "  \"base_commit_sha\": \"" + c1.name() + "\",",
                    "  \"prompts\": {\"abcd1234abcd1234\": {\"agent_id\": {\"tool\": \"cursor\", \"id\": \"p1\","
                            + " \"model\": \"gpt-4.1\"}, \"human_author\": \"Alice Dev <alice@example.com>\","
                            + " \"total_additions\": 2, \"total_deletions\": 0, \"accepted_lines\": 2,"
                            + " \"overriden_lines\": 0}},",
                    "  \"humans\": {\"h_31dce776f88375\": {\"author\": \"Alice Dev <alice@example.com>\"}},",
                    "  \"sessions\": {\"s_c9883b05a2487d\": {\"agent_id\": {\"tool\": \"claude\", \"id\": \"conv-1\","
                            + " \"model\": \"claude-sonnet-4-5\"}, \"human_author\": \"alice@example.com\"}}",
                    "}", ""));
            List<String> lines = repo.read(BILLING);
            lines.addAll(7, fields("z", 3));
            repo.write(BILLING, lines);
            RevCommit c2 = repo.commit(BOB, "More fields");
            AttributionIndex index = repo.index();
            assertEquals(List.of("1-7 human commit", "8-10 human commit",
                    "11-18 ai Claude Code (claude-sonnet-4-5) git-ai", "19-20 human git-ai",
                    "21-21 ai Cursor (gpt-4.1) git-ai", "22-22 human commit", "23-23 ai Cursor (gpt-4.1) git-ai",
                    "24-25 human commit"), summary(index, BILLING));
            Region ai = index.lookup("com.acme.billing.Billing", 15).orElseThrow();
            assertEquals(c1.name(), ai.commit());
            assertEquals(0.95, ai.confidence(), 1e-9);
            assertEquals(c2.name(), index.lookup("com.acme.billing.Billing", 9).orElseThrow().commit());
        }
    }

    @Test
    @DisplayName("Agent Trace records match at their revision's child (and at the revision itself), through edits")
    void agentTrace() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(BILLING, javaClass("com.acme.billing", "Billing", fields("b", 2)));
            RevCommit c0 = repo.commit(ALICE, "Billing skeleton");
            repo.write(BILLING, javaClass("com.acme.billing", "Billing", fields("b", 2), method("charge", "agent", 5),
                    method("manual", "alice", 3)));
            String before = "{\"version\":\"0.1.0\",\"id\":\"3f0b6c1e-0000-4000-8000-000000000001\","
                    + "\"timestamp\":\"2026-01-10T10:00:00Z\",\"vcs\":{\"type\":\"git\",\"revision\":\"" + c0.name()
                    + "\"},\"tool\":{\"name\":\"claude-code\",\"version\":\"2.0.1\"},\"files\":[{\"path\":\""
                    + BILLING + "\",\"conversations\":[{\"url\":\"https://example.com/c/1\",\"contributor\":"
                    + "{\"type\":\"ai\",\"model_id\":\"anthropic/claude-opus-4-5\"},\"ranges\":[{\"start_line\":6,"
                    + "\"end_line\":10},{\"start_line\":11,\"end_line\":12,\"contributor\":{\"type\":\"mixed\","
                    + "\"model_id\":\"anthropic/claude-opus-4-5\"}}]},{\"contributor\":{\"type\":\"human\"},"
                    + "\"ranges\":[{\"start_line\":13,\"end_line\":14}]}]}]}";
            repo.writeRaw(AgentTraces.PATH, before + "\n");
            RevCommit c1 = repo.commit(ALICE, "Charge");
            List<String> lines = repo.read(BILLING);
            lines.addAll(5, fields("z", 2));
            repo.write(BILLING, lines);
            repo.writeRaw(AgentTraces.PATH, before + "\nnot json\n");
            RevCommit c2 = repo.commit(BOB, "Two more fields");
            // A trace written after committing names the commit itself (abbreviated): c2's line 6.
            String after = "{\"version\":\"0.1.0\",\"id\":\"3f0b6c1e-0000-4000-8000-000000000002\","
                    + "\"timestamp\":\"2026-01-10T11:00:00Z\",\"vcs\":{\"type\":\"git\",\"revision\":\""
                    + c2.name().substring(0, 12) + "\"},\"tool\":{\"name\":\"codex\"},\"files\":[{\"path\":\""
                    + BILLING + "\",\"conversations\":[{\"contributor\":{\"type\":\"ai\",\"model_id\":"
                    + "\"openai/gpt-5-codex\"},\"ranges\":[{\"start_line\":6,\"end_line\":6}]}]}]}";
            repo.writeRaw(AgentTraces.PATH, before + "\nnot json\n" + after + "\n");
            repo.commit(BOB, "Record trace");
            IndexBuilder builder = new IndexBuilder(IndexBuilder.Options.of(repo.dir));
            AttributionIndex index = builder.build();
            // Line 20 ("}") comes from c0: the record at c0 describes c0's child, not c0 itself.
            assertEquals(List.of("1-5 human commit", "6-6 ai OpenAI Codex (openai/gpt-5-codex) agent-trace",
                    "7-7 human commit", "8-12 ai Claude Code (anthropic/claude-opus-4-5) agent-trace",
                    "13-14 ai Claude Code (anthropic/claude-opus-4-5) agent-trace", "15-16 human agent-trace",
                    "17-19 human commit", "20-20 human commit"), summary(index, BILLING));
            assertEquals(0.9, index.lookup("com.acme.billing.Billing", 8).orElseThrow().confidence(), 1e-9);
            assertEquals(0.6, index.lookup("com.acme.billing.Billing", 13).orElseThrow().confidence(), 1e-9);
            assertEquals(c1.name(), index.lookup("com.acme.billing.Billing", 8).orElseThrow().commit());
            assertEquals(1, builder.warnings().stream().filter(w -> w.contains("line 2 is not JSON")).count());
        }
    }

    @Test
    @DisplayName("comment markers and @AIGenerated / @Generated(by=) annotations claim their spans; javax @Generated does not")
    void markers() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            String ledger = "src/main/java/com/acme/billing/Ledger.java";
            repo.write(ledger, List.of(
                    "package com.acme.billing;",
                    "",
                    "import javax.annotation.processing.Generated;",
                    "",
                    "public class Ledger {",
                    "    // @ai-generated begin tool=copilot model=gpt-4o",
                    "    int a = compute(\"{ not a brace }\");",
                    "    int b = compute('}');",
                    "    // @ai-generated end",
                    "",
                    "    @dev.sinkwatch.AIGenerated(tool = \"Claude Code\", model = \"claude-opus-4-1\")",
                    "    int total(int n) {",
                    "        if (n > 0) {",
                    "            return n;",
                    "        }",
                    "        return 0;",
                    "    }",
                    "",
                    "    @Generated(\"org.mapstruct.ap.MappingProcessor\")",
                    "    int mapped() { return 1; }",
                    "",
                    "    @Generated(by = \"Cursor\")",
                    "    static int other() { return 2; }",
                    "",
                    "    /* @ai-generated start tool=\"Amazon Q\" */",
                    "    static final String X = \"y\";",
                    "    /* @ai-generated end */",
                    "}"));
            repo.commit(ALICE, "Ledger");
            AttributionIndex index = repo.index();
            assertEquals(List.of("1-5 human commit", "6-9 ai GitHub Copilot (gpt-4o) marker", "10-10 human commit",
                    "11-17 ai Claude Code (claude-opus-4-1) marker", "18-21 human commit", "22-23 ai Cursor marker",
                    "24-24 human commit", "25-27 ai Amazon Q marker", "28-28 human commit"), summary(index, ledger));
            assertEquals(0.5, index.lookup("com.acme.billing.Ledger", 7).orElseThrow().confidence(), 1e-9);
        }
    }

    @Test
    @DisplayName("a stronger reader wins: a commit trailer outranks a marker on the same lines")
    void precedence() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            String f = "src/main/java/com/acme/P.java";
            repo.write(f, List.of("package com.acme;", "", "public class P {", "}"));
            repo.commit(ALICE, "P");
            repo.write(f, List.of("package com.acme;", "", "public class P {",
                    "    // @ai-generated begin tool=copilot", "    int x = compute(\"aaa\");",
                    "    // @ai-generated end", "}"));
            repo.commit(ALICE, "x\n\nCo-authored-by: Claude <noreply@anthropic.com>");
            assertEquals(List.of("1-3 human commit", "4-6 ai Claude Code trailer", "7-7 human commit"),
                    summary(repo.index(), f));
        }
    }

    @Test
    @DisplayName("a marked region inside an annotated class keeps its own tool")
    void nestedMarkers() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            String f = "src/main/java/com/acme/N.java";
            repo.write(f, List.of("package com.acme;", "", "@AiGenerated(\"devin\")", "public class N {",
                    "    // @ai-generated begin tool=aider model=gpt-4.1", "    int x = compute(\"aaa\");",
                    "    // @ai-generated end", "    int y;", "}"));
            repo.commit(ALICE, "N");
            assertEquals(List.of("1-2 human commit", "3-4 ai Devin marker", "5-7 ai Aider (gpt-4.1) marker",
                    "8-9 ai Devin marker"), summary(repo.index(), f));
        }
    }
}
