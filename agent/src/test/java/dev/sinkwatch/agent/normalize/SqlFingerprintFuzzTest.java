package dev.sinkwatch.agent.normalize;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link SqlFingerprint} with statements that are lexically valid in a dialect, built from fuzzed tokens:
 * keywords, identifiers, numbers, punctuation, and literals and comments whose fuzzed content (any characters,
 * quotes and backslashes included, escaped as that database reads them) holds a marker. Properties: the marker
 * never survives, neither in that dialect's fingerprint nor in the unknown dialect's (which must be safe under
 * every reading); the fingerprint is at most twice the input plus a little; every input finishes within the
 * per-input budget (time linear in the input; the budget is set by the {@code fuzz} execution).
 */
class SqlFingerprintFuzzTest {
    static final String MARKER = "zqMARKERzq";
    private static final String[] WORDS = {"SELECT", "FROM", "WHERE", "IN", "VALUES", "AND", "t", "col_1", "x",
        "INSERT", "INTO", "NULL", "E", "N", "q", "nq", "U", "a$b", "ARRAY"};
    /** Spaced where two could glue into a comment opener ({@code --}, {@code /*}), as real SQL is. */
    private static final String[] PUNCT = {"(", ")", ",", ";", "=", "+", " - ", " * ", " / ", ".", "::", "?",
        "<>", "|", "$1", ":name", "@p", "&", "%", "!"};

    @FuzzTest(maxDuration = "10s")
    void noMarkedLiteralSurvives(FuzzedDataProvider data) {
        SqlDialect dialect = data.pickValue(new SqlDialect[] {SqlDialect.H2, SqlDialect.POSTGRESQL, SqlDialect.MYSQL,
            SqlDialect.SQLSERVER, SqlDialect.ORACLE});
        String sql = statement(data, dialect);
        for (SqlDialect reading : new SqlDialect[] {dialect, SqlDialect.UNKNOWN}) {
            String fp = SqlFingerprint.fingerprint(sql, reading);
            if (fp.contains(MARKER)) {
                throw new AssertionError("marker survived, written for " + dialect + ", read as " + reading
                        + ":\n" + sql + "\n-> " + fp);
            }
            if (fp.length() > 2 * sql.length() + 3) {
                throw new AssertionError("fingerprint longer than 2n+3: " + sql + " -> " + fp);
            }
        }
    }

    /** A statement of fuzzed tokens, lexically valid in {@code dialect}, with the marker in every literal and comment. */
    static String statement(FuzzedDataProvider data, SqlDialect dialect) {
        StringBuilder sql = new StringBuilder();
        int tokens = data.consumeInt(1, 40);
        for (int t = 0; t < tokens && data.remainingBytes() > 0; t++) {
            int kind = data.consumeInt(0, 9);
            if (kind == 0) {
                sql.append(data.pickValue(WORDS));
            } else if (kind == 1) {
                sql.append(data.pickValue(PUNCT));
            } else if (kind == 2) {
                sql.append(data.consumeInt(0, 1_000_000));
            } else if (kind == 3) {
                sql.append(whitespace(data));
            } else if (kind == 4) {
                sql.append(identifier(data, dialect));
            } else if (kind <= 6) {
                // a space before: glued to a word, E'..' or $$..$$ would be part of it, as the database reads it
                sql.append(' ').append(literal(data, dialect));
            } else {
                sql.append(' ').append(comment(data, dialect));
            }
            if (data.consumeBoolean()) {
                sql.append(' ');
            }
        }
        return sql.toString();
    }

    private static String whitespace(FuzzedDataProvider data) {
        return data.pickValue(new String[] {" ", "\n", "\t", "\r\n", "  "});
    }

    /** Content with the marker somewhere in it. */
    private static String content(FuzzedDataProvider data) {
        String before = data.consumeString(12);
        String after = data.consumeString(12);
        return before + MARKER + after;
    }

    private static String identifier(FuzzedDataProvider data, SqlDialect dialect) {
        String name = data.pickValue(new String[] {"a b", "order", "t1", "x_y"});
        if (dialect == SqlDialect.MYSQL) {
            return "`" + name + "`";
        }
        if (dialect == SqlDialect.SQLSERVER) {
            return "[" + name + "]";
        }
        return "\"" + name + "\"";
    }

    private static String literal(FuzzedDataProvider data, SqlDialect dialect) {
        String c = content(data);
        switch (dialect) {
            case MYSQL:
                if (data.consumeBoolean()) {
                    return quoteEscaping('"', c, data);
                }
                return quoteEscaping('\'', c, data);
            case POSTGRESQL: {
                int form = data.consumeInt(0, 2);
                if (form == 0) {
                    return "E" + quoteEscaping('\'', c, data);
                }
                if (form == 1) {
                    String tag = data.pickValue(new String[] {"", "t", "fn"});
                    String delimiter = "$" + tag + "$";
                    return delimiter + c.replace("$", "") + delimiter; // no delimiter inside
                }
                return quoteDoubling('\'', c);
            }
            case ORACLE:
                if (data.consumeBoolean()) {
                    char open = data.pickValue(new Character[] {'[', '{', '(', '<', '!', '#'});
                    char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
                    return "q'" + open + c.replace(String.valueOf(close), "") + close + "'";
                }
                return quoteDoubling('\'', c);
            case H2:
                if (data.consumeBoolean()) {
                    return "$$" + c.replace("$", "") + "$$";
                }
                return quoteDoubling('\'', c);
            default:
                return (data.consumeBoolean() ? "N" : "") + quoteDoubling('\'', c);
        }
    }

    /** The standard form: the quote doubled, a backslash an ordinary character. */
    private static String quoteDoubling(char quote, String content) {
        String q = String.valueOf(quote);
        return q + content.replace(q, q + q) + q;
    }

    /** MySQL's and E'' strings: backslashes escaped, the quote doubled or backslash-escaped. */
    private static String quoteEscaping(char quote, String content, FuzzedDataProvider data) {
        String q = String.valueOf(quote);
        String escaped = content.replace("\\", "\\\\").replace(q, data.consumeBoolean() ? q + q : "\\" + q);
        return q + escaped + q;
    }

    private static String comment(FuzzedDataProvider data, SqlDialect dialect) {
        String c = content(data).replace("*", "").replace("/", ""); // no comment opens or closes inside
        int form = data.consumeInt(0, 3);
        if (form == 0) {
            return "/*" + c + "*/";
        }
        if (form == 1 && dialect.nestedComments == SqlDialect.Quoting.ON) {
            return "/* " + c + " /* " + c + " */ " + c + " */";
        }
        if (form == 2 && dialect == SqlDialect.MYSQL) {
            return "#" + c.replace("\n", "") + "\n";
        }
        return "-- " + c.replace("\n", "") + "\n";
    }
}
