package dev.sinkwatch.agent.normalize;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link LdapFilter} and {@link XPathShape}: filters and expressions built from fuzzed attribute names,
 * operators and structure, with a marker in every value (an LDAP assertion value, an XPath string literal).
 * Properties: the marker never survives, whatever surrounds it; the shape is at most the input's length plus one;
 * linear time (the per-input budget of docs/fuzzing.md).
 */
class QueryShapeFuzzTest {
    static final String MARKER = "zqMARKERzq";
    private static final String[] OPERATORS = {"=", "~=", ">=", "<=", ":="};

    @FuzzTest(maxDuration = "10s")
    void noValueSurvivesInAnLdapFilter(FuzzedDataProvider data) {
        StringBuilder filter = new StringBuilder();
        int items = data.consumeInt(1, 6);
        for (int i = 0; i < items; i++) {
            filter.append(data.pickValue(new String[] {"(", "(&", "(|", "(!", ")", ""}));
            // an attribute without '=' or parentheses, so the marker is the value
            filter.append(free(data.consumeAsciiString(8).replaceAll("[=()]", "")));
            filter.append(data.pickValue(OPERATORS));
            // value text around the marker: anything but a parenthesis or '*' touching it
            filter.append(free(data.consumeString(6).replaceAll("[()]", ""))).append(' ');
            filter.append(MARKER);
            filter.append(' ').append(free(data.consumeString(6).replaceAll("[()]", "")));
            filter.append(data.pickValue(new String[] {")", "))", ")(", ""}));
        }
        String text = filter.toString();
        String shape = LdapFilter.normalise(text);
        if (shape.contains(MARKER)) {
            throw new AssertionError("marker survived: " + text + " -> " + shape);
        }
        if (shape.length() > text.length() + 1) {
            throw new AssertionError("shape too long: " + text + " -> " + shape);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void noLiteralSurvivesInAnXPathExpression(FuzzedDataProvider data) {
        StringBuilder expression = new StringBuilder();
        int parts = data.consumeInt(1, 6);
        for (int i = 0; i < parts; i++) {
            // free text without quotes, so the literal below is where the fuzzer put it
            expression.append(free(data.consumeString(12).replaceAll("['\"]", "")));
            char quote = data.consumeBoolean() ? '\'' : '"';
            String inside = free(data.consumeString(6)).replace(String.valueOf(quote), "");
            expression.append(quote).append(inside).append(MARKER).append(inside).append(quote);
        }
        String text = expression.toString();
        String shape = XPathShape.normalise(text);
        if (shape.contains(MARKER)) {
            throw new AssertionError("marker survived: " + text + " -> " + shape);
        }
        if (shape.length() > text.length() + 1) {
            throw new AssertionError("shape too long: " + text + " -> " + shape);
        }
    }

    /** Fuzzed text without the marker: the fuzzer copies it from comparisons, and it must only be in values. */
    private static String free(String fuzzed) {
        return fuzzed.replace(MARKER, "");
    }
}
