package dev.sinkwatch.agent.normalize;

/**
 * Turns SQL text into a fingerprint: the statement's shape with every literal value removed.
 *
 * <p>A hand-written, single-pass tokenizer (no regex, no SQL parser); it never throws and runs in time linear in
 * the length of the text, allocating one {@link StringBuilder} of the input's length. Where a literal ends depends
 * on the database: see {@link SqlDialect}. Rules:
 * <ul>
 *   <li>string literals {@code '..'} ({@code ''} escapes; {@code \} as the dialect reads it), prefixed strings
 *       {@code E'..'}, {@code N'..'}, {@code B'..'}, {@code X'..'}, {@code U&'..'}, dollar-quoted {@code $$..$$}
 *       and {@code $tag$..$tag$} (PostgreSQL, H2), Oracle's {@code q'[..]'}, {@code ".."} where the dialect may
 *       read it as a string (MySQL, SQL Server, unknown), and numeric literals (integers, decimals, exponents,
 *       {@code 0x..} hex) become {@code ?}. Digits inside identifiers ({@code t1}, {@code col_2}) are part of the
 *       identifier. A number glued to letters ({@code 12abc}) is folded as one literal. {@code $1} positional
 *       parameters are kept.</li>
 *   <li>where two readings of the text disagree on where a literal ends (a {@code \'} inside a string when
 *       backslashes may or may not escape; a {@code $tag$} or {@code q'} in an unknown dialect), the rest of the
 *       statement folds to {@code ?}: a shape is lost, a value never leaks.</li>
 *   <li>{@code TRUE}, {@code FALSE}, {@code NULL} and all keywords are kept in the case they were written.</li>
 *   <li>quoted identifiers {@code ".."}, {@code `..`} and SQL Server's {@code [..]} are kept verbatim. A bracket
 *       group is an identifier only in SQL Server, and only when it holds identifier characters and starts with a
 *       letter, so {@code ARRAY[1, 2]} is still folded.</li>
 *   <li>whitespace runs collapse to one space and the result is trimmed; no space is ever inserted.</li>
 *   <li>{@code IN (?, ?, ?)} collapses to {@code IN (?)}; the rows after the first of {@code VALUES (..), (..)} are
 *       dropped.</li>
 *   <li>comments are kept as a signal without their content: {@code /*?*}{@code /} (nested ones as one where the
 *       dialect nests them; where it may or may not, a {@code /*} inside a comment folds the rest to {@code /*?}),
 *       {@code --?}, {@code #?} for MySQL's {@code #} comments (with or without a space) and {@code //?} for H2's
 *       {@code //} comments.
 *       A trailing <a href="https://google.github.io/sqlcommenter/spec/">sqlcommenter</a> comment
 *       ({@code /*key='value',..*}{@code /} followed only by whitespace or {@code ;}) is dropped.</li>
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

    /** The fingerprint of {@code sql} read as {@link SqlDialect#UNKNOWN}; empty for {@code null} or empty input. */
    public static String fingerprint(String sql) {
        return fingerprint(sql, SqlDialect.UNKNOWN);
    }

    /** The fingerprint of {@code sql} read as {@code dialect}; empty for {@code null} or empty input. */
    public static String fingerprint(String sql, SqlDialect dialect) {
        if (sql == null || sql.isEmpty()) {
            return "";
        }
        return new Tokenizer(sql, dialect == null ? SqlDialect.UNKNOWN : dialect).run();
    }

    /** One use only; holds the state of a single pass. */
    private static final class Tokenizer {
        private final String s;
        private final int n;
        private final SqlDialect dialect;
        private final SqlShapeWriter out;

        Tokenizer(String s, SqlDialect dialect) {
            this.s = s;
            this.n = s.length();
            this.dialect = dialect;
            this.out = new SqlShapeWriter(n);
        }

        String run() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                char next = i + 1 < n ? s.charAt(i + 1) : '\0';
                if (Character.isWhitespace(c)) {
                    out.space();
                    i++;
                } else if (c == '\'') {
                    i = stringLiteral(i, dialect.plainStrings);
                } else if (c == '"' && dialect.doubleQuotedStrings) {
                    i = stringLiteral(i, dialect.plainStrings);
                } else if (c == '"' || c == '`') {
                    i = quotedIdentifier(i, c);
                } else if (c == '[' && dialect == SqlDialect.SQLSERVER && isBracketIdentifier(i)) {
                    i = quotedIdentifier(i, ']');
                } else if (c == '[' && dialect == SqlDialect.UNKNOWN && quoteInBrackets(i)) {
                    out.placeholder(); // [it's] is a SQL Server name, and a string opener elsewhere
                    i = n;
                } else if (c == '/' && next == '*') {
                    i = blockComment(i);
                } else if (c == '-' && next == '-') {
                    i = lineComment(i, "--?");
                } else if (c == '/' && next == '/' && dialect.slashComments) {
                    i = lineComment(i, "//?");
                } else if (c == '#' && dialect.hashComments) {
                    i = lineComment(i, "#?");
                } else if (isDigit(c) || (c == '.' && isDigit(next))) {
                    i = number(i);
                } else if (c == '$' && dialect.dollarQuotes != SqlDialect.Quoting.OFF) {
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

        private int stringLiteral(int quote, SqlDialect.Backslash backslash) {
            int end = endOfString(quote, backslash);
            out.placeholder();
            return end < 0 ? n : end; // unterminated or ambiguous: the rest is folded
        }

        /**
         * Index after the quote closing the string that opens at {@code quote} (with the same quote character),
         * or -1 if it is unterminated or, for {@link SqlDialect.Backslash#AMBIGUOUS}, holds a {@code \'}.
         */
        private int endOfString(int quote, SqlDialect.Backslash backslash) {
            char q = s.charAt(quote);
            int i = quote + 1;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\' && backslash != SqlDialect.Backslash.PLAIN) {
                    if (backslash == SqlDialect.Backslash.AMBIGUOUS && i + 1 < n && s.charAt(i + 1) == q) {
                        return -1; // the string ends here for one reading and goes on for the other
                    }
                    i += 2;
                } else if (c == q) {
                    if (i + 1 < n && s.charAt(i + 1) == q) {
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

        /** Oracle's {@code q'<d>..<d>'} at {@code quote} (the {@code '}); brackets pair, other delimiters repeat. */
        private int qQuote(int quote) {
            out.placeholder();
            if (dialect.qQuotes != SqlDialect.Quoting.ON || quote + 1 >= n) {
                return n;
            }
            char open = s.charAt(quote + 1);
            char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
            if (Character.isWhitespace(open)) {
                return n;
            }
            for (int i = quote + 2; i + 1 < n; i++) {
                if (s.charAt(i) == close && s.charAt(i + 1) == '\'') {
                    return i + 2;
                }
            }
            return n;
        }

        private int quotedIdentifier(int open, char close) {
            int i = open + 1;
            while (i < n) {
                if (s.charAt(i) == close) {
                    if (close != ']' && i + 1 < n && s.charAt(i + 1) == close) {
                        i += 2; // doubled quote inside the identifier
                        continue;
                    }
                    out.token(s, open, i + 1);
                    return i + 1;
                }
                i++;
            }
            out.placeholder(); // unterminated: may be a MySQL "string"; never leak it
            return n;
        }

        /** Whether a quote comes before the {@code ]} closing a SQL Server name (at most 128 chars) at {@code open}. */
        private boolean quoteInBrackets(int open) {
            for (int i = open + 1; i < n && i <= open + 129; i++) {
                char c = s.charAt(i);
                if (c == ']') {
                    return false;
                }
                if (c == '\'' || c == '"') {
                    return true;
                }
            }
            return false;
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
            int close = endOfComment(open);
            if (close < 0) {
                out.token("/*?");
                return n;
            }
            int end = close + 2;
            if (isTrailing(end) && SqlCommenter.isBody(s, open + 2, close)) {
                out.dropSpace();
                return end;
            }
            out.token("/*?*/");
            return end;
        }

        /** Index of the {@code *}{@code /} closing the comment at {@code open} (nesting if the dialect does), or -1. */
        private int endOfComment(int open) {
            if (dialect.nestedComments == SqlDialect.Quoting.OFF) {
                return s.indexOf("*/", open + 2);
            }
            int depth = 1;
            int i = open + 2;
            while (i + 1 < n) {
                char c = s.charAt(i);
                if (c == '/' && s.charAt(i + 1) == '*') {
                    if (dialect.nestedComments == SqlDialect.Quoting.AMBIGUOUS) {
                        return -1; // nested for one reading, closed at the first */ for the other: fold the rest
                    }
                    depth++;
                    i += 2;
                } else if (c == '*' && s.charAt(i + 1) == '/') {
                    if (--depth == 0) {
                        return i;
                    }
                    i += 2;
                } else {
                    i++;
                }
            }
            return -1;
        }

        private int lineComment(int start, String marker) {
            int i = start;
            while (i < n && s.charAt(i) != '\n') { // a lone \r ends none in MySQL: fold on to \n
                i++;
            }
            out.token(marker);
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
            out.placeholder();
            return i;
        }

        private int dollar(int start) {
            int i = start + 1;
            if (i < n && isDigit(s.charAt(i))) { // $1: a positional parameter, not a literal
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                out.token(s, start, i);
                return i;
            }
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i < n && s.charAt(i) == '$') {
                if (dialect.dollarQuotes == SqlDialect.Quoting.AMBIGUOUS) {
                    out.placeholder(); // a string in one dialect, identifiers in another
                    return n;
                }
                String tag = s.substring(start, i + 1);
                int close = s.indexOf(tag, i + 1);
                out.placeholder();
                return close < 0 ? n : close + tag.length();
            }
            out.token('$');
            return start + 1;
        }

        private int word(int start) {
            int i = start + 1;
            while (i < n && isWordPart(s.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len <= 2 && i < n) {
                char p = s.charAt(start);
                char quote = s.charAt(i);
                if (quote == '\'' && dialect.qQuotes != SqlDialect.Quoting.OFF && isQPrefix(start, len)) {
                    return qQuote(i);
                }
                if (len == 1 && quote == '\'' && (p == 'E' || p == 'e')) {
                    return stringLiteral(i, dialect.escapeStrings);
                }
                if (len == 1 && quote == '\'' && "NnBbXx".indexOf(p) >= 0) {
                    return stringLiteral(i, dialect.plainStrings);
                }
                if (len == 1 && (p == 'U' || p == 'u') && quote == '&' && i + 1 < n && s.charAt(i + 1) == '\'') {
                    return stringLiteral(i + 1, dialect.plainStrings);
                }
            }
            out.word(s, start, i);
            return i;
        }

        /** {@code q} or {@code nq} (any case): Oracle's alternative quoting when a quote follows. */
        private boolean isQPrefix(int start, int len) {
            char last = s.charAt(start + len - 1);
            return (last == 'q' || last == 'Q')
                    && (len == 1 || s.charAt(start) == 'n' || s.charAt(start) == 'N');
        }

        private void punctuation(char c) {
            switch (c) {
                case '?':
                    out.placeholder();
                    break;
                case '(':
                    out.open();
                    break;
                case ')':
                    out.close();
                    break;
                case ',':
                    out.comma();
                    break;
                default:
                    out.token(c);
            }
        }

        /** Whether only whitespace and {@code ;} follow {@code from} (a trailing sqlcommenter comment). */
        private boolean isTrailing(int from) {
            for (int i = from; i < n; i++) {
                char c = s.charAt(i);
                if (c != ';' && !Character.isWhitespace(c)) {
                    return false;
                }
            }
            return true;
        }

        // ---- character classes

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHexDigit(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        /** {@code #} starts a word ({@code #temp}) only where it does not start a comment. */
        private boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_' || c == '@' || (c == '#' && !dialect.hashComments);
        }

        private boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@'
                    || (c == '#' && !dialect.hashComments);
        }
    }
}
