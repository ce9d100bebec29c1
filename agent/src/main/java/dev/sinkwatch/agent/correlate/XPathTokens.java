package dev.sinkwatch.agent.correlate;

/**
 * How many XPath tokens a character range touches: string literals ({@code '...'}, {@code "..."}, no escapes in
 * XPath 1.0), names (letters, digits, {@code _ - . :}), numbers, the two-character operators ({@code // != <= >=})
 * and single punctuation. A range inside one literal touches one token; {@code ' or '1'='1} closing a literal
 * touches several. Linear in the expression's length up to the range's end.
 */
final class XPathTokens {

    private XPathTokens() {
    }

    /** Tokens intersecting {@code [start, end)} of {@code expression}. */
    static int tokensIn(String expression, int start, int end) {
        int count = 0;
        int i = 0;
        int n = expression.length();
        while (i < n && i < end) {
            char c = expression.charAt(i);
            int tokenEnd;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c == '\'' || c == '"') {
                int close = expression.indexOf(c, i + 1);
                tokenEnd = close < 0 ? n : close + 1;
            } else if (name(c)) {
                tokenEnd = i + 1;
                while (tokenEnd < n && name(expression.charAt(tokenEnd))) {
                    tokenEnd++;
                }
            } else if (i + 1 < n && isPair(c, expression.charAt(i + 1))) {
                tokenEnd = i + 2;
            } else {
                tokenEnd = i + 1;
            }
            if (tokenEnd > start) {
                count++;
            }
            i = tokenEnd;
        }
        return count;
    }

    private static boolean name(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '$';
    }

    private static boolean isPair(char first, char second) {
        return (first == '/' && second == '/') || (second == '=' && "!<>".indexOf(first) >= 0);
    }
}
