package dev.sinkwatch.collector.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The git-ai note parser on its own: quoting, key formats, metadata gaps, malformed notes. */
class GitAiNotesTest {
    @Test
    @DisplayName("quoted paths, 7-hex legacy keys, unknown keys, placeholder models")
    void parsesVariants() {
        GitAiNotes.NoteLog log = GitAiNotes.parse(String.join("\n",
                "\"src/my dir/A.java\"",
                "  abc1234 1-3,7",
                "src/B.java",
                "  s_00000000000001::t_00000000000002 10-12",
                "  ffffffffffffffff 20",
                "---",
                "{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"abc\",",
                " \"prompts\":{\"abc1234\":{\"agent_id\":{\"tool\":\"windsurf\",\"id\":\"1\",\"model\":\"default\"}}},",
                " \"sessions\":{\"s_00000000000001\":{\"agent_id\":{\"tool\":\"gemini\",\"id\":\"2\","
                        + "\"model\":\"gemini-2.5-pro\"}}}}"));
        assertEquals("authorship/3.0.0", log.schemaVersion());
        assertEquals("abc", log.baseCommit());
        GitAiNotes.Attestation a = log.files().get("src/my dir/A.java").get(0);
        assertTrue(a.ranges().contains(2));
        assertTrue(a.ranges().contains(7));
        assertFalse(a.ranges().contains(5));
        Claim windsurf = log.claims().get("abc1234");
        assertEquals("Windsurf", windsurf.tool());
        assertNull(windsurf.model());
        Claim gemini = log.claims().get("s_00000000000001::t_00000000000002");
        assertEquals("Gemini", gemini.tool());
        assertEquals("gemini-2.5-pro", gemini.model());
        Claim unknown = log.claims().get("ffffffffffffffff");
        assertEquals(Authorship.AI, unknown.authorship());
        assertNull(unknown.tool());
    }

    @Test
    @DisplayName("malformed notes are rejected with a reason")
    void rejectsMalformed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GitAiNotes.parse("a.java\n  k 1-2\n"))
                .getMessage().contains("---"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GitAiNotes.parse("a.java\n  k 1-2\n---\n{\"schema_version\":\"authorship/2.0.0\"}"))
                .getMessage().contains("authorship/2.0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GitAiNotes.parse("a.java\n  k 5-2\n---\n{\"schema_version\":\"authorship/3.0.0\"}"))
                .getMessage().contains("5-2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GitAiNotes.parse("  k 1-2\n---\n{\"schema_version\":\"authorship/3.0.0\"}"))
                .getMessage().contains("before any file path"));
    }

    @Test
    @DisplayName("line ranges parse and print back")
    void lineRanges() {
        assertEquals("1-10,15,20-25", LineRanges.parse("20-25,1-10,15").toString());
        assertTrue(LineRanges.parse("1-10,15").contains(15));
        assertFalse(LineRanges.parse("1-10,15").contains(11));
    }
}
