package dev.sinkwatch.collector.attribution;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of AI tools: from git identities (co-author addresses, bot logins), from free text (trailer values, marker
 * attributes) and from the short ids other formats use ({@code claude}, {@code cursor}...). Also pulls a model name
 * out of text. Pure functions; the tables are the documented list in docs/attribution.md.
 */
final class ToolCatalog {
    static final String CLAUDE = "Claude Code";
    static final String COPILOT = "GitHub Copilot";
    static final String CURSOR = "Cursor";
    static final String AIDER = "Aider";
    static final String CODEX = "OpenAI Codex";
    static final String DEVIN = "Devin";
    static final String JULES = "Jules";
    static final String AMAZON_Q = "Amazon Q";
    static final String GEMINI = "Gemini";
    static final String WINDSURF = "Windsurf";

    private ToolCatalog() {
    }

    private static final Pattern COPILOT_EMAIL = Pattern.compile("^(\\d+\\+)?copilot@users\\.noreply\\.github\\.com$");

    /** Bot logins (as they appear in names and in {@code id+login@users.noreply.github.com}). */
    private static final Map<String, String> BOT_LOGINS = Map.of(
            "devin-ai-integration[bot]", DEVIN,
            "google-labs-jules[bot]", JULES,
            "amazon-q-developer[bot]", AMAZON_Q,
            "gemini-code-assist[bot]", GEMINI,
            "copilot-swe-agent[bot]", COPILOT,
            "claude[bot]", CLAUDE,
            "chatgpt-codex-connector[bot]", CODEX,
            "cursor[bot]", CURSOR);

    /** The AI tool a git identity belongs to, or null for anyone else (including non-AI bots). */
    static String toolForIdentity(String name, String email) {
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (e) {
            case "noreply@anthropic.com":
                return CLAUDE;
            case "noreply@openai.com":
            case "codex@openai.com":
                return CODEX;
            case "cursoragent@cursor.com":
                return CURSOR;
            case "aider@aider.chat":
                return AIDER;
            default:
                break;
        }
        if (COPILOT_EMAIL.matcher(e).matches()) {
            return COPILOT;
        }
        for (Map.Entry<String, String> bot : BOT_LOGINS.entrySet()) {
            if (n.equals(bot.getKey()) || e.contains("+" + bot.getKey() + "@") || e.startsWith(bot.getKey() + "@")) {
                return bot.getValue();
            }
        }
        if (e.endsWith("@openai.com") && e.contains("codex")) {
            return CODEX;
        }
        return null;
    }

    /** A bot identity ({@code [bot]} logins): such commits are never counted as human. */
    static boolean isBot(String name, String email) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String e = email == null ? "" : email.toLowerCase(Locale.ROOT);
        return n.endsWith("[bot]") || e.contains("[bot]") || toolForIdentity(name, email) != null;
    }

    private static final List<Map.Entry<Pattern, String>> TEXT_TOOLS = List.of(
            Map.entry(Pattern.compile("\\bclaude\\b"), CLAUDE),
            Map.entry(Pattern.compile("\\bcopilot\\b"), COPILOT),
            Map.entry(Pattern.compile("\\bcursor(agent)?\\b"), CURSOR),
            Map.entry(Pattern.compile("\\baider\\b"), AIDER),
            Map.entry(Pattern.compile("\\b(codex|chatgpt|openai|gpt-[0-9][\\w.-]*)\\b"), CODEX),
            Map.entry(Pattern.compile("\\bdevin\\b"), DEVIN),
            Map.entry(Pattern.compile("\\bjules\\b"), JULES),
            Map.entry(Pattern.compile("\\b(amazon[ -]q|q developer|amazonq)\\b"), AMAZON_Q),
            Map.entry(Pattern.compile("\\bgemini\\b"), GEMINI),
            Map.entry(Pattern.compile("\\b(windsurf|codeium)\\b"), WINDSURF));

    /**
     * The AI tool named in free text such as a trailer value ({@code "Cursor (claude-4-sonnet)"}), or null. When
     * several are named, the first one in the text wins: the tool usually comes before the model.
     */
    static String toolForText(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (Map.Entry<Pattern, String> entry : TEXT_TOOLS) {
            Matcher m = entry.getKey().matcher(t);
            if (m.find() && m.start() < bestAt) {
                bestAt = m.start();
                best = entry.getValue();
            }
        }
        return best;
    }

    private static final Map<String, String> SHORT_IDS = Map.ofEntries(
            Map.entry("claude", CLAUDE), Map.entry("claude-code", CLAUDE), Map.entry("claude_code", CLAUDE),
            Map.entry("cursor", CURSOR), Map.entry("copilot", COPILOT), Map.entry("github-copilot", COPILOT),
            Map.entry("codex", CODEX), Map.entry("openai-codex", CODEX), Map.entry("gemini", GEMINI),
            Map.entry("gemini-cli", GEMINI), Map.entry("aider", AIDER), Map.entry("devin", DEVIN),
            Map.entry("jules", JULES), Map.entry("amazon-q", AMAZON_Q), Map.entry("q", AMAZON_Q),
            Map.entry("windsurf", WINDSURF), Map.entry("amp", "Amp"), Map.entry("droid", "Factory Droid"),
            Map.entry("opencode", "OpenCode"), Map.entry("continue", "Continue"), Map.entry("junie", "Junie"));

    /** Canonical display name for a tool id from git-ai, Agent Trace or a marker; unknown ids pass through. */
    static String normalizeTool(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String key = raw.trim().toLowerCase(Locale.ROOT);
        String known = SHORT_IDS.get(key);
        if (known != null) {
            return known;
        }
        String fromText = toolForText(raw);
        return fromText != null ? fromText : raw.trim();
    }

    private static final Pattern PAREN_MODEL = Pattern.compile("\\(([A-Za-z][\\w./:-]*\\d[\\w./:-]*)\\)");
    private static final List<Pattern> MODELS = List.of(
            Pattern.compile("(?i)\\bclaude(?:[ -](?:opus|sonnet|haiku|\\d+(?:\\.\\d+)?)){1,4}(?:-\\d{8})?\\b"),
            Pattern.compile("(?i)\\bgpt-\\d[\\w.]*(?:-[\\w.]+)*"),
            Pattern.compile("(?i)\\bcodex-[\\w.-]+"),
            Pattern.compile("(?i)\\bgemini[ -]\\d+(?:\\.\\d+)?(?:[ -](?:pro|flash|lite|ultra))*"));

    /** A model name in text: {@code (claude-sonnet-4-5)}, {@code Claude Sonnet 4.5}, {@code gpt-5-codex}; or null. */
    static String modelFromText(String text) {
        if (text == null) {
            return null;
        }
        Matcher paren = PAREN_MODEL.matcher(text);
        if (paren.find()) {
            return paren.group(1);
        }
        for (Pattern p : MODELS) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return m.group().trim();
            }
        }
        return null;
    }

    /** Drops placeholder model values tools write when they do not know ("default", "unknown", "auto"). */
    static String cleanModel(String model) {
        if (model == null) {
            return null;
        }
        String m = model.trim();
        String l = m.toLowerCase(Locale.ROOT);
        return m.isEmpty() || l.equals("default") || l.equals("unknown") || l.equals("auto") ? null : m;
    }
}
