package dev.sinkwatch.collector.detect;

import dev.sinkwatch.contract.SinkKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code xpath.injection}: structure added to a call site's known XPath expression shapes (the agent's shape:
 * string literals and numbers {@code ?}; see docs/agent-output.md). Signals, counted:
 *
 * <ul>
 *   <li>{@code or}: the {@code or} operator;</li>
 *   <li>{@code tautology}: a literal compared with a literal ({@code ?=?}, {@code ? != ?});</li>
 *   <li>{@code union}: the {@code |} operator (a second node set);</li>
 *   <li>{@code comment}: an XPath 2 comment {@code (:}.</li>
 * </ul>
 *
 * <p>Example: known {@code //user[name/text()=?]/role/text()}, observed
 * {@code //user[name/text()=? or ?=?]/role/text()} → CRITICAL, added: or, tautology.
 */
final class XPathInjectionDetector extends AddedStructureRule {
    // Possessive quantifiers: linear in the shape.
    private static final Pattern OR = Pattern.compile("(?<![\\w.-])or(?![\\w.-])");
    private static final Pattern TAUTOLOGY = Pattern.compile("\\?\\s*+!?+=\\s*+\\?");

    @Override
    public String name() {
        return "xpath.injection";
    }

    @Override
    public SinkKind kind() {
        return SinkKind.XPATH;
    }

    @Override
    String label() {
        return "XPath injection";
    }

    @Override
    Map<String, Integer> signals(String shape) {
        Map<String, Integer> out = new LinkedHashMap<>();
        putIfPositive(out, "or", count(OR.matcher(shape)));
        putIfPositive(out, "tautology", count(TAUTOLOGY.matcher(shape)));
        putIfPositive(out, "union", occurrences(shape, "|"));
        putIfPositive(out, "comment", occurrences(shape, "(:"));
        return out;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
