package dev.sinkwatch.agent.correlate;

/**
 * Whether a character range of an LDAP search filter crosses its structure: it holds a parenthesis, a
 * {@code & | !} operator, a match operator, or parts of both an attribute description and a value. A range inside
 * one value ({@code bob} in {@code (uid=bob)}, even {@code *} or {@code Smith & Sons}) does not;
 * {@code *)(uid=*))(|(uid=*} does. Read with the same grammar as {@code LdapFilter}; linear in the filter's length
 * up to the range's end.
 */
final class LdapTokens {
    private static final int VALUE = 1;
    private static final int ATTRIBUTE = 2;

    private LdapTokens() {
    }

    static boolean crossesStructure(String filter, int start, int end) {
        int n = Math.min(filter.length(), end);
        int seen = 0;
        boolean componentStart = true;
        int i = 0;
        while (i < n) {
            char c = filter.charAt(i);
            if (c == '(' || c == ')' || ((c == '&' || c == '|' || c == '!') && componentStart)) {
                if (i >= start) {
                    return true;
                }
                componentStart = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            componentStart = false;
            int eq = i;
            while (eq < filter.length() && filter.charAt(eq) != '=' && filter.charAt(eq) != '('
                    && filter.charAt(eq) != ')') {
                eq++;
            }
            boolean hasOperator = eq < filter.length() && filter.charAt(eq) == '=';
            int operatorStart = hasOperator && eq > i && "~<>:".indexOf(filter.charAt(eq - 1)) >= 0 ? eq - 1 : eq;
            int valueStart = hasOperator ? eq + 1 : i;
            if (hasOperator) {
                if (overlaps(i, operatorStart, start, end)) {
                    seen |= ATTRIBUTE;
                }
                if (overlaps(operatorStart, eq + 1, start, end)) {
                    return true;
                }
            }
            int valueEnd = valueStart;
            while (valueEnd < filter.length() && filter.charAt(valueEnd) != '(' && filter.charAt(valueEnd) != ')') {
                valueEnd++;
            }
            if (overlaps(valueStart, valueEnd, start, end)) {
                seen |= VALUE;
            }
            if (seen == (VALUE | ATTRIBUTE)) {
                return true;
            }
            i = valueEnd;
        }
        return false;
    }

    private static boolean overlaps(int from, int to, int start, int end) {
        return from < end && to > start;
    }
}
