package dev.sinkwatch.agent.normalize;

/**
 * Shapes an XPath expression like a SQL fingerprint: string literals ({@code '...'}, {@code "..."}) and numbers become
 * {@code ?}; names, axes, functions, variables ({@code $name}) and operators are kept; whitespace runs become one
 * space. {@code //user[name/text()='bob' and pass='x']} &rarr; {@code //user[name/text()=? and pass=?]}. An
 * unterminated literal folds the rest of the expression. Expressions are shaped up to {@link #MAX_CHARS} characters,
 * then {@code …}. Never throws; stateless and thread-safe; linear in the expression's length.
 */
public final class XPathShape {
    /** Longest expression shaped; the rest is cut to {@code …}. */
    public static final int MAX_CHARS = 8192;

    private XPathShape() {
    }

    /** The expression's shape; the empty string for {@code null}. */
    public static String normalise(String expression) {
        if (expression == null) {
            return "";
        }
        int n = Math.min(expression.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(Math.min(n, 256) + 2);
        int i = 0;
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"') {
                int close = expression.indexOf(c, i + 1);
                out.append('?');
                i = close < 0 || close >= n ? n : close + 1;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(expression.charAt(i + 1))
                    && !nameBefore(out))) {
                if (nameBefore(out)) { // a digit inside a name (h1, item2)
                    out.append(c);
                    i++;
                    continue;
                }
                while (i < n && (isDigit(expression.charAt(i)) || expression.charAt(i) == '.')) {
                    i++;
                }
                out.append('?');
            } else if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(expression.charAt(i))) {
                    i++;
                }
                if (out.length() > 0) {
                    out.append(' ');
                }
            } else {
                out.append(c);
                i++;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        if (expression.length() > MAX_CHARS) {
            out.append('…');
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether the shape so far ends in a name character, so a digit continues that name. */
    private static boolean nameBefore(StringBuilder out) {
        if (out.length() == 0) {
            return false;
        }
        char c = out.charAt(out.length() - 1);
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
