package dev.sinkwatch.collector.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reader 3 on its own: identities and trailers to tool, model and confidence. */
class CommitIdentityTest {
    private static PersonIdent who(String name, String email) {
        return new PersonIdent(name, email);
    }

    private static final PersonIdent ALICE = who("Alice Dev", "alice@example.com");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Co-Authored-By: Claude <noreply@anthropic.com>|Claude Code|",
        "Co-authored-by: Claude Opus 4.1 <noreply@anthropic.com>|Claude Code|Claude Opus 4.1",
        "Co-authored-by: Codex <noreply@openai.com>|OpenAI Codex|",
        "Co-authored-by: Cursor Agent <cursoragent@cursor.com>|Cursor|",
        "Co-authored-by: aider (openrouter/anthropic/claude-3.7-sonnet) <aider@aider.chat>|Aider|openrouter/anthropic/claude-3.7-sonnet",
        "Co-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>|GitHub Copilot|",
        "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>|GitHub Copilot|",
        "Co-authored-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>|Devin|",
        "Co-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>|Jules|",
        "Co-authored-by: amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>|Amazon Q|",
        "Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>|Gemini|",
        "Assisted-by: Claude:claude-3-opus|Claude Code|claude-3-opus",
        "Generated-by: GPT-5 Codex|OpenAI Codex|GPT-5",
        "Made-with: Cursor|Cursor|",
        "Assisted-by: Gemini 2.5 Pro|Gemini|Gemini 2.5 Pro",
        "🤖 Generated with [Claude Code](https://claude.com/claude-code)|Claude Code|",
    })
    void trailers(String trailer, String tool, String model) {
        Claim c = CommitIdentity.claim(ALICE, "Do a thing\n\nBody text.\n\n" + trailer + "\n");
        assertEquals(tool, c == null ? null : c.tool(), trailer);
        assertEquals(model, c.model(), trailer);
        assertEquals(Authorship.AI, c.authorship());
        assertEquals("trailer", c.source());
    }

    @Test
    @DisplayName("co-author identities weigh more than free-text trailers; the model comes from any line")
    void strongestClaimWins() {
        Claim c = CommitIdentity.claim(ALICE, "x\n\nAssisted-by: Claude Sonnet 4.5\n"
                + "Co-authored-by: Claude <noreply@anthropic.com>\n");
        assertEquals("Claude Code", c.tool());
        assertEquals("Claude Sonnet 4.5", c.model());
        assertEquals(Claim.TRAILER_IDENTITY, c.confidence(), 1e-9);
        assertEquals(Claim.TRAILER_TEXT,
                CommitIdentity.claim(ALICE, "x\n\nMade-with: Cursor\n").confidence(), 1e-9);
    }

    @Test
    @DisplayName("AI bot authors and aider's (aider) suffix are AI; other bots are not human; people are")
    void authors() {
        assertEquals("Devin", CommitIdentity.claim(who("devin-ai-integration[bot]",
                "158243242+devin-ai-integration[bot]@users.noreply.github.com"), "Fix").tool());
        assertEquals("GitHub Copilot", CommitIdentity.claim(who("Copilot",
                "198982749+Copilot@users.noreply.github.com"), "Fix").tool());
        assertEquals("Aider", CommitIdentity.claim(who("Alice Dev (aider)", "alice@example.com"), "Fix").tool());
        assertEquals("Jules", CommitIdentity.claim(who("google-labs-jules[bot]",
                "161369871+google-labs-jules[bot]@users.noreply.github.com"), "Fix").tool());
        PersonIdent dependabot = who("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com");
        assertNull(CommitIdentity.claim(dependabot, "Bump x"));
        assertFalse(CommitIdentity.isHuman(dependabot));
        assertFalse(CommitIdentity.isHuman(who("Alice Dev (aider)", "alice@example.com")));
        assertTrue(CommitIdentity.isHuman(ALICE));
    }

    @Test
    @DisplayName("human co-authors and prose mentioning tools are not claims")
    void notClaims() {
        assertNull(CommitIdentity.claim(ALICE, "Pair\n\nCo-authored-by: Bob <bob@example.com>\n"));
        assertNull(CommitIdentity.claim(ALICE, "Close the database cursor after use"));
        assertNull(CommitIdentity.claim(ALICE, "Reviewed-by: Claude Shannon <claude@example.com>"));
    }
}
