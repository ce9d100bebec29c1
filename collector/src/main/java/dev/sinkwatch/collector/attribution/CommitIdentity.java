package dev.sinkwatch.collector.attribution;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Reader 3: commit identities and trailers. A commit-level claim, applied to every line whose origin is the commit,
 * so less confident than the line-level readers. Recognised (docs/attribution.md lists them all):
 * <ul>
 *   <li>an AI author identity (bot logins, Copilot's {@code id+Copilot@users.noreply.github.com}...);</li>
 *   <li>aider's author-name suffix {@code "Jane Doe (aider)"};</li>
 *   <li>{@code Co-authored-by:} (any case) naming a known AI address;</li>
 *   <li>{@code Assisted-by:}, {@code Generated-by:}, {@code Made-with:} naming a tool in text or by address;</li>
 *   <li>the {@code Generated with [Claude Code](...)} line.</li>
 * </ul>
 * Trailers are searched on every line of the message, not only the final paragraph: squash merges concatenate the
 * messages (and trailers) of the squashed commits into the body.
 */
final class CommitIdentity {
    private static final Pattern TRAILER = Pattern.compile("^\\s*([A-Za-z][A-Za-z-]*)\\s*:\\s*(.+?)\\s*$");
    private static final Pattern NAME_EMAIL = Pattern.compile("^(.*?)\\s*<([^>]*)>\\s*$");
    private static final Pattern GENERATED_WITH =
            Pattern.compile("(?i)\\bgenerated (?:with|by) \\[?([A-Za-z][\\w .-]*?)\\]?(?:\\(|$|\\s*[.,])");

    private CommitIdentity() {
    }

    /** The strongest AI claim this commit's identity and message make, or null. */
    static Claim claim(RevCommit commit) {
        return claim(commit.getAuthorIdent(), commit.getFullMessage());
    }

    static Claim claim(PersonIdent author, String message) {
        Claim best = null;
        String authorName = author == null ? "" : author.getName();
        String authorEmail = author == null ? "" : author.getEmailAddress();
        String authorTool = ToolCatalog.toolForIdentity(authorName, authorEmail);
        if (authorTool != null) {
            best = Claim.ai(authorTool, null, Claim.SRC_TRAILER, Claim.TRAILER_IDENTITY);
        } else if (authorName.trim().toLowerCase(Locale.ROOT).endsWith("(aider)")) {
            best = Claim.ai(ToolCatalog.AIDER, null, Claim.SRC_TRAILER, Claim.TRAILER_IDENTITY);
        }
        String modelSeen = null;
        for (String line : message.split("\\R")) {
            Claim c = lineClaim(line);
            if (c == null) {
                continue;
            }
            if (c.model() != null && modelSeen == null) {
                modelSeen = c.model();
            }
            if (best == null || c.confidence() > best.confidence()) {
                best = c;
            }
        }
        if (best != null && best.model() == null && modelSeen != null) {
            best = best.withModel(modelSeen);
        }
        return best;
    }

    private static Claim lineClaim(String line) {
        Matcher t = TRAILER.matcher(line);
        if (t.matches()) {
            String key = t.group(1).toLowerCase(Locale.ROOT);
            String value = t.group(2);
            switch (key) {
                case "co-authored-by": {
                    Matcher ne = NAME_EMAIL.matcher(value);
                    if (!ne.matches()) {
                        return null;
                    }
                    String tool = ToolCatalog.toolForIdentity(ne.group(1), ne.group(2));
                    return tool == null ? null
                            : Claim.ai(tool, ToolCatalog.modelFromText(ne.group(1)), Claim.SRC_TRAILER,
                                    Claim.TRAILER_IDENTITY);
                }
                case "assisted-by":
                case "generated-by":
                case "made-with": {
                    Matcher ne = NAME_EMAIL.matcher(value);
                    String tool = ne.matches() ? ToolCatalog.toolForIdentity(ne.group(1), ne.group(2)) : null;
                    if (tool == null) {
                        tool = ToolCatalog.toolForText(value);
                    }
                    return tool == null ? null
                            : Claim.ai(tool, ToolCatalog.modelFromText(value), Claim.SRC_TRAILER, Claim.TRAILER_TEXT);
                }
                default:
                    break;
            }
        }
        Matcher g = GENERATED_WITH.matcher(line);
        if (g.find()) {
            String tool = ToolCatalog.toolForText(g.group(1));
            if (tool != null) {
                return Claim.ai(tool, ToolCatalog.modelFromText(line), Claim.SRC_TRAILER, Claim.TRAILER_TEXT);
            }
        }
        return null;
    }

    /** A person's commit: not a bot, not an AI identity. Lines such commits wrote, with no AI claim, are human. */
    static boolean isHuman(PersonIdent author) {
        return author != null && !ToolCatalog.isBot(author.getName(), author.getEmailAddress())
                && !author.getName().trim().toLowerCase(Locale.ROOT).endsWith("(aider)");
    }
}
