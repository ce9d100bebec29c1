package dev.sinkwatch.agent.normalize;

/**
 * Recognises a <a href="https://google.github.io/sqlcommenter/spec/">sqlcommenter</a> comment body:
 * {@code key='value'(,key='value')*} with url-encoded keys and {@code \'}-escaped values. Stateless.
 */
final class SqlCommenter {
    private SqlCommenter() {
    }

    /** Whether {@code s[from, to)}, the text between {@code /*} and {@code *}{@code /}, is a sqlcommenter body. */
    static boolean isBody(String s, int from, int to) {
        int i = skipSpaces(s, from, to);
        if (i >= to) {
            return false;
        }
        while (true) {
            int keyStart = i;
            while (i < to && isKeyChar(s.charAt(i))) {
                i++;
            }
            if (i == keyStart || i + 1 >= to || s.charAt(i) != '=' || s.charAt(i + 1) != '\'') {
                return false;
            }
            i += 2;
            while (i < to && s.charAt(i) != '\'') {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= to) {
                return false;
            }
            i = skipSpaces(s, i + 1, to);
            if (i == to) {
                return true;
            }
            if (s.charAt(i) != ',') {
                return false;
            }
            i = skipSpaces(s, i + 1, to);
        }
    }

    private static int skipSpaces(String s, int i, int to) {
        while (i < to && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-' || c == '%' || c == '~';
    }
}
