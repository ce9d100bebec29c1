package dev.sinkwatch.agent.normalize;

/**
 * Turns SQL text into a fingerprint: the statement's shape with every literal value removed.
 *
 * <p>A hand-written, single-pass tokenizer (no regex, no SQL parser); it never throws and runs in time linear in
 * the length of the text, allocating one {@link StringBuilder} of the input's length. Rules:
 * <ul>
 *   <li>string literals {@code '..'} ({@code ''} and {@code \'} escapes), prefixed strings {@code E'..'},
 *       {@code N'..'}, {@code B'..'}, {@code X'..'}, {@code U&'..'}, dollar-quoted {@code $$..$$} and
 *       {@code $tag$..$tag$}, and numeric literals (integers, decimals, exponents, {@code 0x..} hex) become
 *       {@code ?}. Digits inside identifiers ({@code t1}, {@code col_2}) are part of the identifier. A number glued
 *       to letters ({@code 12abc}) is folded as one literal. {@code $1} positional parameters are kept.</li>
 *   <li>{@code TRUE}, {@code FALSE}, {@code NULL} and all keywords are kept in the case they were written.</li>
 *   <li>quoted identifiers {@code ".."}, {@code `..`} and {@code [..]} are kept verbatim. A bracket group is an
 *       identifier only when it holds identifier characters and starts with a letter, so {@code ARRAY[1, 2]} is
 *       still folded. Caveat: MySQL without {@code ANSI_QUOTES} reads {@code ".."} as a string; such values are
 *       kept.</li>
 *   <li>whitespace runs collapse to one space and the result is trimmed; no space is ever inserted.</li>
 *   <li>{@code IN (?, ?, ?)} collapses to {@code IN (?)}; the rows after the first of {@code VALUES (..), (..)} are
 *       dropped.</li>
 *   <li>comments are kept as a signal without their content: {@code /*?*}{@code /}, {@code --?}, and MySQL
 *       {@code # } comments as {@code #?}. A trailing <a href="https://google.github.io/sqlcommenter/spec/">
 *       sqlcommenter</a> comment ({@code /*key='value',..*}{@code /} followed only by whitespace or {@code ;}) is
 *       dropped.</li>
 *   <li>{@code ;} and any statement after it are kept (stacked queries are a signal).</li>
 *   <li>an unterminated literal, quoted identifier or comment folds the rest of the text to {@code ?} (a comment
 *       to {@code /*?}).</li>
 * </ul>
 *
 * <p>Thread-safe: stateless; each call uses its own tokenizer. For the hot path use {@link SqlFingerprintCache}.
 */
public final class SqlFingerprint {

    private SqlFingerprint() {
    }

    /**
     * The fingerprint of {@code sql}; the empty string for {@code null} or empty input.
     */
    public static String fingerprint(String sql) {
        if (sql == null || sql.isEmpty()) {
            return "";
        }
        return new Tokenizer(sql).run();
    }

    /** One use only; holds the state of a single pass. */
    private static final class Tokenizer {
        private static final int WORD_OTHER = 0;
        private static final int WORD_IN = 1;
        private static final int WORD_VALUES = 2;

        // VALUES row collapsing states
        private static final int V_NONE = 0;
        private static final int V_AFTER_KEYWORD = 1;   // saw VALUES, expecting '('
        private static final int V_FIRST_ROW = 2;       // inside the first row
        private static final int V_AFTER_ROW = 3;       // a row closed, expecting ',' or the end of the list
        private static final int V_AFTER_COMMA = 4;     // ',' after a row, expecting '('
        private static final int V_LATER_ROW = 5;       // inside a later row: dropped when it closes

        private final String s;
        private final int n;
        private final StringBuilder out;
        private boolean pendingSpace;

        private boolean lastWasIn;
        private int inGroupStart = -1; // output index just after "IN (", or -1
        private int inGroupPlaceholders;

        private int valuesState = V_NONE;
        private int valuesDepth;
        private int valuesMark;       // output length just after the first row's ')'

        Tokenizer(String s) {
            this.s = s;
            this.n = s.length();
            this.out = new StringBuilder(n);
        }

        String run() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                char next = i + 1 < n ? s.charAt(i + 1) : '\0';
                if (Character.isWhitespace(c)) {
                    pendingSpace = true;
                    i++;
                } else if (c == '\'') {
                    i = stringLiteral(i);
                } else if (c == '"' || c == '`') {
                    i = quotedIdentifier(i, c);
                } else if (c == '[' && isBracketIdentifier(i)) {
                    i = quotedIdentifier(i, ']');
                } else if (c == '/' && next == '*') {
                    i = blockComment(i);
                } else if (c == '-' && next == '-') {
                    i = lineComment(i, "--?");
                } else if (c == '#' && (i + 1 == n || Character.isWhitespace(next))) {
                    i = lineComment(i, "#?");
                } else if (isDigit(c) || (c == '.' && isDigit(next))) {
                    i = number(i);
                } else if (c == '$') {
                    i = dollar(i);
                } else if (isWordStart(c)) {
                    i = word(i);
                } else {
                    punctuation(c);
                    i++;
                }
            }
            return out.toString();
        }

        // ---- tokens

        private int stringLiteral(int quote) {
            int end = endOfString(quote);
            placeholder();
            return end < 0 ? n : end;
        }

        /** Index after the closing quote of the string opening at {@code quote}, or -1 if unterminated. */
        private int endOfString(int quote) {
            int i = quote + 1;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '\'') {
                    if (i + 1 < n && s.charAt(i + 1) == '\'') {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            return -1;
        }

        private int quotedIdentifier(int open, char close) {
            int i = open + 1;
            while (i < n) {
                if (s.charAt(i) == close) {
                    if (close != ']' && i + 1 < n && s.charAt(i + 1) == close) {
                        i += 2; // doubled quote inside the identifier
                        continue;
                    }
                    begin();
                    out.append(s, open, i + 1);
                    other();
                    return i + 1;
                }
                i++;
            }
            placeholder(); // unterminated: may be a MySQL "string"; never leak it
            return n;
        }

        /** {@code [name]} is a SQL Server identifier; {@code [1, 2]} or {@code [i + 1]} is an array or subscript. */
        private boolean isBracketIdentifier(int open) {
            int i = open + 1;
            if (i >= n || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
                return false;
            }
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c == ']') {
                    return true;
                }
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == ' ' || c == '$' || c == '#' || c == '@'
                        || c == '-' || c == '.')) {
                    return false;
                }
            }
            return false;
        }

        private int blockComment(int open) {
            int close = s.indexOf("*/", open + 2);
            if (close < 0) {
                begin();
                out.append("/*?");
                other();
                return n;
            }
            int end = close + 2;
            if (isTrailing(end) && isSqlCommenter(open + 2, close)) {
                pendingSpace = false;
                return end;
            }
            begin();
            out.append("/*?*/");
            other();
            return end;
        }

        private int lineComment(int start, String marker) {
            int i = start;
            while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                i++;
            }
            begin();
            out.append(marker);
            other();
            return i;
        }

        private int number(int start) {
            int i = start;
            if (s.charAt(i) == '0' && i + 2 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && isHexDigit(s.charAt(i + 2))) {
                i += 2;
                while (i < n && isHexDigit(s.charAt(i))) {
                    i++;
                }
            } else {
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    while (i < n && isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < n && isDigit(s.charAt(j))) {
                        i = j;
                        while (i < n && isDigit(s.charAt(i))) {
                            i++;
                        }
                    }
                }
            }
            while (i < n && isWordPart(s.charAt(i))) { // 12abc, 1L, 0b101: one literal
                i++;
            }
            placeholder();
            return i;
        }

        private int dollar(int start) {
            int i = start + 1;
            if (i < n && isDigit(s.charAt(i))) { // $1: a positional parameter, not a literal
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                begin();
                out.append(s, start, i);
                other();
                return i;
            }
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i < n && s.charAt(i) == '$') {
                String tag = s.substring(start, i + 1);
                int close = s.indexOf(tag, i + 1);
                placeholder();
                return close < 0 ? n : close + tag.length();
            }
            begin();
            out.append('$');
            other();
            return start + 1;
        }

        private int word(int start) {
            int i = start + 1;
            while (i < n && isWordPart(s.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len == 1 && i < n) {
                char p = s.charAt(start);
                if (s.charAt(i) == '\'' && "EeNnBbXx".indexOf(p) >= 0) {
                    return stringLiteral(i);
                }
                if ((p == 'U' || p == 'u') && s.charAt(i) == '&' && i + 1 < n && s.charAt(i + 1) == '\'') {
                    return stringLiteral(i + 1);
                }
            }
            begin();
            out.append(s, start, i);
            int kind = WORD_OTHER;
            if (len == 2 && s.regionMatches(true, start, "IN", 0, 2)) {
                kind = WORD_IN;
            } else if ((len == 6 && s.regionMatches(true, start, "VALUES", 0, 6))
                    || (len == 5 && s.regionMatches(true, start, "VALUE", 0, 5))) {
                kind = WORD_VALUES;
            }
            onWord(kind);
            return i;
        }

        private void punctuation(char c) {
            switch (c) {
                case '?':
                    placeholder();
                    break;
                case '(':
                    begin();
                    out.append('(');
                    onOpen();
                    break;
                case ')':
                    begin();
                    onClose();
                    break;
                case ',':
                    begin();
                    out.append(',');
                    onComma();
                    break;
                default:
                    begin();
                    out.append(c);
                    other();
            }
        }

        // ---- emission and the IN / VALUES state machines

        private void begin() {
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
        }

        private void placeholder() {
            begin();
            out.append('?');
            if (inGroupStart >= 0) {
                inGroupPlaceholders++;
            }
            if (valuesState == V_AFTER_KEYWORD || valuesState == V_AFTER_ROW || valuesState == V_AFTER_COMMA) {
                valuesState = V_NONE;
            }
            lastWasIn = false;
        }

        private void onWord(int kind) {
            inGroupStart = -1;
            if (valuesState != V_FIRST_ROW && valuesState != V_LATER_ROW) {
                valuesState = kind == WORD_VALUES ? V_AFTER_KEYWORD : V_NONE;
            }
            lastWasIn = kind == WORD_IN;
        }

        private void other() {
            inGroupStart = -1;
            if (valuesState == V_AFTER_KEYWORD || valuesState == V_AFTER_ROW || valuesState == V_AFTER_COMMA) {
                valuesState = V_NONE;
            }
            lastWasIn = false;
        }

        private void onOpen() {
            if (lastWasIn) {
                inGroupStart = out.length();
                inGroupPlaceholders = 0;
            } else {
                inGroupStart = -1; // a nested '(' inside an IN list: not a plain list
            }
            lastWasIn = false;
            switch (valuesState) {
                case V_AFTER_KEYWORD:
                    valuesState = V_FIRST_ROW;
                    valuesDepth = 1;
                    break;
                case V_AFTER_COMMA:
                    valuesState = V_LATER_ROW;
                    valuesDepth = 1;
                    break;
                case V_FIRST_ROW:
                case V_LATER_ROW:
                    valuesDepth++;
                    break;
                default:
                    valuesState = V_NONE;
            }
        }

        private void onComma() {
            lastWasIn = false;
            if (valuesState == V_AFTER_ROW) {
                valuesState = V_AFTER_COMMA;
            } else if (valuesState == V_AFTER_KEYWORD || valuesState == V_AFTER_COMMA) {
                valuesState = V_NONE;
            }
        }

        private void onClose() {
            if (inGroupStart >= 0 && inGroupPlaceholders > 0) {
                out.setLength(inGroupStart);
                out.append("?)");
            } else {
                out.append(')');
            }
            inGroupStart = -1;
            lastWasIn = false;
            if (valuesState == V_FIRST_ROW || valuesState == V_LATER_ROW) {
                if (--valuesDepth == 0) {
                    if (valuesState == V_LATER_ROW) {
                        out.setLength(valuesMark);
                    } else {
                        valuesMark = out.length();
                    }
                    valuesState = V_AFTER_ROW;
                }
            } else {
                valuesState = V_NONE;
            }
        }

        // ---- sqlcommenter

        private boolean isTrailing(int from) {
            for (int i = from; i < n; i++) {
                char c = s.charAt(i);
                if (c != ';' && !Character.isWhitespace(c)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code key='value'(,key='value')*} with url-encoded keys and {@code \'}-escaped values. */
        private boolean isSqlCommenter(int from, int to) {
            int i = skipSpaces(from, to);
            if (i >= to) {
                return false;
            }
            while (true) {
                int keyStart = i;
                while (i < to && isCommenterKeyChar(s.charAt(i))) {
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
                i = skipSpaces(i + 1, to);
                if (i == to) {
                    return true;
                }
                if (s.charAt(i) != ',') {
                    return false;
                }
                i = skipSpaces(i + 1, to);
            }
        }

        private int skipSpaces(int i, int to) {
            while (i < to && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i;
        }

        private static boolean isCommenterKeyChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)
                    || c == '_' || c == '.' || c == '-' || c == '%' || c == '~';
        }

        // ---- character classes

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHexDigit(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_' || c == '@' || c == '#';
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#';
        }
    }
}
