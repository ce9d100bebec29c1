package dev.sinkwatch.agent.normalize;

/**
 * Shapes an LDAP search filter (RFC 4515) like a SQL fingerprint: parentheses, the operators {@code & | !}, attribute
 * descriptions and match operators ({@code = ~= >= <= :=}) are kept; each run of value characters becomes {@code ?},
 * while the wildcard {@code *} of presence and substring matches stays visible.
 * {@code (&(uid=bob)(userPassword=s3cret))} &rarr; {@code (&(uid=?)(userPassword=?))};
 * {@code (cn=Jo*)} &rarr; {@code (cn=?*)}; a {@code {0}} argument of the {@code filterExpr} form is a value too.
 *
 * <p>Nothing is assumed about balance: text after the first complete filter is shaped the same way, so an injected
 * {@code *)(uid=*))(|(uid=*} shows as structure ({@code (&(uid=*)(uid=*))(|(uid=*)(userPassword=?))}). An attribute
 * description that is not a plain name ({@code [A-Za-z0-9;.:_-]}, at most 64 characters) folds to {@code ?}; a
 * missing one stays missing ({@code (=x)} &rarr; {@code (=?)}).
 * Filters are shaped up to {@link #MAX_CHARS} characters, then {@code …}. Never throws; stateless and thread-safe;
 * linear in the filter's length.
 */
public final class LdapFilter {
    /** Longest filter shaped; the rest is cut to {@code …}. */
    public static final int MAX_CHARS = 8192;
    private static final int MAX_ATTRIBUTE = 64;

    private LdapFilter() {
    }

    /** The filter's shape; the empty string for {@code null}. */
    public static String normalise(String filter) {
        if (filter == null) {
            return "";
        }
        int n = Math.min(filter.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(Math.min(n, 256) + 2);
        int i = 0;
        while (i < n) {
            char c = filter.charAt(i);
            if (c == '(' || c == ')') {
                out.append(c);
                i++;
            } else if ((c == '&' || c == '|' || c == '!') && componentStart(out)) {
                out.append(c);
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                i = item(filter, i, n, out);
            }
        }
        if (filter.length() > MAX_CHARS) {
            out.append('…');
        }
        return out.toString();
    }

    /** True at the start of a filter or right after its {@code (}: where {@code & | !} are operators. */
    private static boolean componentStart(StringBuilder out) {
        return out.length() == 0 || out.charAt(out.length() - 1) == '(' || out.charAt(out.length() - 1) == ')';
    }

    /** One {@code attr op value} item from {@code start}; returns where it ends (at a parenthesis or the end). */
    private static int item(String filter, int start, int n, StringBuilder out) {
        int eq = start;
        while (eq < n && filter.charAt(eq) != '=' && filter.charAt(eq) != '(' && filter.charAt(eq) != ')') {
            eq++;
        }
        if (eq == n || filter.charAt(eq) != '=') {
            out.append('?'); // no operator: a bare value
            return eq;
        }
        int attributeEnd = eq;
        char before = eq > start ? filter.charAt(eq - 1) : 0;
        if (before == '~' || before == '>' || before == '<' || before == ':') {
            attributeEnd = eq - 1;
        }
        appendAttribute(filter, start, attributeEnd, out);
        if (attributeEnd < eq) {
            out.append(before);
        }
        out.append('=');
        int i = eq + 1;
        boolean inRun = false;
        while (i < n) {
            char c = filter.charAt(i);
            if (c == '(' || c == ')') {
                break;
            }
            if (c == '*') {
                out.append('*');
                inRun = false;
            } else if (!inRun) {
                out.append('?');
                inRun = true;
            }
            i++;
        }
        return i;
    }

    private static void appendAttribute(String filter, int start, int end, StringBuilder out) {
        while (start < end && Character.isWhitespace(filter.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(filter.charAt(end - 1))) {
            end--;
        }
        if (end == start) {
            return; // no attribute at all: nothing to show (nor to fold)
        }
        boolean plain = end - start <= MAX_ATTRIBUTE;
        for (int i = start; plain && i < end; i++) {
            char c = filter.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ';'
                    || c == '.' || c == ':' || c == '_' || c == '-';
        }
        if (plain) {
            out.append(filter, start, end);
        } else {
            out.append('?');
        }
    }
}
