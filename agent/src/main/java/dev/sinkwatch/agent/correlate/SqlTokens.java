package dev.sinkwatch.agent.correlate;

/**
 * How many SQL tokens a character range touches: string literals ({@code '...'} with {@code ''} escapes), quoted
 * identifiers ({@code "..."}, {@code `...`}), comments ({@code --}, {@code /* *}{@code /}), numbers, words and
 * single punctuation characters. A range inside one literal touches one token; a range that closes a literal and
 * adds {@code OR 1=1} touches several. Linear in the statement's length up to the range's end.
 */
final class SqlTokens {

    private SqlTokens() {
    }

    /** Tokens intersecting {@code [start, end)} of {@code sql}. */
    static int tokensIn(String sql, int start, int end) {
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n && i < end) {
            char c = sql.charAt(i);
            int tokenEnd;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c == '\'' || c == '"' || c == '`') {
                tokenEnd = i + 1;
                while (tokenEnd < n) {
                    if (sql.charAt(tokenEnd) == c) {
                        if (tokenEnd + 1 < n && sql.charAt(tokenEnd + 1) == c) {
                            tokenEnd += 2; // '' inside a literal
                            continue;
                        }
                        tokenEnd++;
                        break;
                    }
                    tokenEnd++;
                }
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                tokenEnd = sql.indexOf('\n', i);
                tokenEnd = tokenEnd < 0 ? n : tokenEnd;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                tokenEnd = sql.indexOf("*/", i + 2);
                tokenEnd = tokenEnd < 0 ? n : tokenEnd + 2;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '@') {
                tokenEnd = i + 1;
                while (tokenEnd < n) {
                    char d = sql.charAt(tokenEnd);
                    if (!(Character.isLetterOrDigit(d) || d == '_' || d == '.' || d == '$' || d == '@')) {
                        break;
                    }
                    tokenEnd++;
                }
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
}
