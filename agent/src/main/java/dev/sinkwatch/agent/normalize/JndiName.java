package dev.sinkwatch.agent.normalize;

/**
 * Normalises a JNDI name for {@code InitialContext.lookup}.
 *
 * <p>A URL name {@code scheme://[user@]host[:port]/rest} keeps the lower-cased scheme, host and port (as written,
 * no default added), drops any user info and folds the rest to {@code <path>}:
 * {@code ldap://evil.example:1389/Exploit} &rarr; {@code ldap://evil.example:1389/<path>}. The authority ends at
 * the first {@code /} or {@code ?}, so odd hosts such as {@code 127.0.0.1#evil.example:1389} stay visible. Any other
 * name ({@code java:comp/env/jdbc/ds}, {@code jdbc/orders2}) is kept as written with each run of digits folded to
 * {@code *}. Never throws; stateless and thread-safe.
 */
public final class JndiName {

    private JndiName() {
    }

    /** The normalised name; the empty string for {@code null}. */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        int n = name.length();
        int schemeEnd = UrlSanitizer.schemeEnd(name);
        StringBuilder out = new StringBuilder(n + 8);
        if (schemeEnd > 0 && name.startsWith("//", schemeEnd + 1)) {
            int authStart = schemeEnd + 3;
            int authEnd = UrlSanitizer.indexOfAny(name, authStart, n, '/', '?');
            int at = name.lastIndexOf('@', authEnd - 1);
            int hostStart = at >= authStart ? at + 1 : authStart;
            UrlSanitizer.appendLower(out, name, 0, schemeEnd);
            out.append("://");
            UrlSanitizer.appendLower(out, name, hostStart, authEnd);
            if (authEnd < n) {
                out.append(authEnd == n - 1 && name.charAt(authEnd) == '/' ? "/" : "/<path>");
            }
            return out.toString();
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append('*');
                while (i + 1 < n && name.charAt(i + 1) >= '0' && name.charAt(i + 1) <= '9') {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The lower-cased scheme ({@code ldap}, {@code rmi}, {@code java}, ...), or the empty string when none. */
    public static String scheme(String name) {
        if (name == null) {
            return "";
        }
        int schemeEnd = UrlSanitizer.schemeEnd(name);
        if (schemeEnd <= 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(schemeEnd);
        UrlSanitizer.appendLower(out, name, 0, schemeEnd);
        return out.toString();
    }
}
