package dev.sinkwatch.agent.normalize;

/**
 * Strips the private parts of a URL, in one pass and without {@code java.net.URI} (which throws and allocates).
 *
 * <p>Rules: user info ({@code user:pw@}) removed; scheme and host lower-cased; the port kept as written; the path
 * kept, except that the values of path parameters ({@code ;jsessionid=ABC}) become {@code ?} and e-mail addresses
 * and tokens in it (webhook secrets, bot tokens) are folded as {@link PersonalData} says; every query value
 * becomes {@code ?} ({@code ?a=1&b=x} &rarr; {@code ?a=?&b=?}, a key without {@code =} stays); the fragment is
 * dropped. Garbage (no scheme, a control character or space, an empty host for a scheme other than {@code file},
 * a port that is not a number, an unclosed IPv6 bracket) gives {@value #INVALID}. Never throws.
 *
 * <p>Stateless and thread-safe.
 */
public final class UrlSanitizer {
    /** The result for anything that is not a URL. */
    public static final String INVALID = "(invalid url)";

    private UrlSanitizer() {
    }

    /** The URL without credentials, query values or fragment; {@value #INVALID} for garbage or {@code null}. */
    public static String sanitize(String url) {
        Parts p = Parts.parse(url);
        if (p == null) {
            return INVALID;
        }
        int n = url.length();
        StringBuilder out = new StringBuilder(n);
        appendLower(out, url, 0, p.schemeEnd);
        out.append(':');
        if (p.hostStart >= 0) {
            out.append("//");
            appendLower(out, url, p.hostStart, p.hostEnd);
            if (p.portStart >= 0) {
                out.append(':').append(url, p.portStart, p.portEnd);
            }
        }
        int pathEnd = indexOfAny(url, p.pathStart, n, '?', '#');
        appendPath(out, url, p.pathStart, pathEnd);
        if (pathEnd < n && url.charAt(pathEnd) == '?') {
            int queryEnd = url.indexOf('#', pathEnd);
            out.append('?');
            appendQuery(out, url, pathEnd + 1, queryEnd < 0 ? n : queryEnd);
        }
        return out.toString();
    }

    /**
     * {@code host:port}, the host lower-cased (IPv6 in brackets) and the port the scheme's default when absent
     * (http 80, https 443, ws 80, wss 443, ftp 21, ldap 389, ldaps 636, rmi 1099, iiop 900; otherwise -1);
     * {@value #INVALID} for garbage, {@code null} or a URL without a host.
     */
    public static String hostPort(String url) {
        Parts p = Parts.parse(url);
        if (p == null || p.hostStart < 0 || p.hostStart == p.hostEnd) {
            return INVALID;
        }
        StringBuilder out = new StringBuilder(p.hostEnd - p.hostStart + 6);
        appendLower(out, url, p.hostStart, p.hostEnd);
        out.append(':');
        if (p.portStart >= 0) {
            out.append(url, p.portStart, p.portEnd);
        } else {
            out.append(defaultPort(url.substring(0, p.schemeEnd)));
        }
        return out.toString();
    }

    /** The default port of a URL scheme (case-insensitive), -1 when unknown. */
    static int defaultPort(String scheme) {
        switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
            case "http":
            case "ws":
                return 80;
            case "https":
            case "wss":
                return 443;
            case "ftp":
                return 21;
            case "ldap":
                return 389;
            case "ldaps":
                return 636;
            case "rmi":
                return 1099;
            case "iiop":
                return 900;
            default:
                return -1;
        }
    }

    /** Offsets of the parts of a URL; all -1 when absent. */
    static final class Parts {
        int schemeEnd;                  // index of the ':' after the scheme
        int hostStart = -1;
        int hostEnd = -1;
        int portStart = -1;
        int portEnd = -1;
        int pathStart;                  // after the authority, or after "scheme:" for opaque URLs

        static Parts parse(String url) {
            if (url == null) {
                return null;
            }
            int n = url.length();
            for (int i = 0; i < n; i++) {
                char c = url.charAt(i);
                if (c <= ' ' || c == 0x7f) {
                    return null;
                }
            }
            int schemeEnd = schemeEnd(url);
            if (schemeEnd <= 0) {
                return null;
            }
            Parts p = new Parts();
            p.schemeEnd = schemeEnd;
            int i = schemeEnd + 1;
            if (!url.startsWith("//", i)) {
                p.pathStart = i;
                return p;
            }
            int authStart = i + 2;
            int authEnd = indexOfAny(url, authStart, n, '/', '?', '#');
            int at = url.lastIndexOf('@', authEnd - 1);
            int hostStart = at >= authStart ? at + 1 : authStart;
            int hostEnd;
            int portColon;
            if (hostStart < authEnd && url.charAt(hostStart) == '[') {
                int close = url.indexOf(']', hostStart);
                if (close < 0 || close >= authEnd) {
                    return null;
                }
                hostEnd = close + 1;
                if (hostEnd < authEnd && url.charAt(hostEnd) != ':') {
                    return null;
                }
                portColon = hostEnd < authEnd ? hostEnd : -1;
            } else {
                int colon = url.indexOf(':', hostStart);
                portColon = colon >= 0 && colon < authEnd ? colon : -1;
                hostEnd = portColon >= 0 ? portColon : authEnd;
            }
            if (hostStart == hostEnd && !"file".regionMatches(true, 0, url, 0, schemeEnd)) {
                return null;
            }
            p.hostStart = hostStart;
            p.hostEnd = hostEnd;
            if (portColon >= 0 && portColon + 1 < authEnd) {
                for (int k = portColon + 1; k < authEnd; k++) {
                    if (url.charAt(k) < '0' || url.charAt(k) > '9') {
                        return null;
                    }
                }
                p.portStart = portColon + 1;
                p.portEnd = authEnd;
            }
            p.pathStart = authEnd;
            return p;
        }
    }

    /** Index of the ':' ending a valid scheme ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}), else -1. */
    static int schemeEnd(String url) {
        int n = url.length();
        if (n == 0 || !isAsciiLetter(url.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < n; i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        return -1;
    }

    private static void appendPath(StringBuilder out, String s, int from, int to) {
        int i = from;
        while (i < to) {
            int email = PersonalData.emailEnd(s, i, to);
            if (email > 0) {
                out.append("?@?");
                i = email;
                continue;
            }
            int token = PersonalData.tokenEnd(s, i, to); // a webhook secret, a bot token
            if (token > 0) {
                PersonalData.appendToken(out, s, i);
                i = token;
                continue;
            }
            char c = s.charAt(i);
            out.append(c);
            i++;
            if (c == ';') { // path parameter: ;name=value
                while (i < to && s.charAt(i) != '=' && s.charAt(i) != ';' && s.charAt(i) != '/') {
                    out.append(s.charAt(i++));
                }
                if (i < to && s.charAt(i) == '=') {
                    out.append("=?");
                    while (i < to && s.charAt(i) != ';' && s.charAt(i) != '/') {
                        i++;
                    }
                }
            }
        }
    }

    private static void appendQuery(StringBuilder out, String s, int from, int to) {
        int i = from;
        while (i <= to) {
            int end = s.indexOf('&', i);
            if (end < 0 || end > to) {
                end = to;
            }
            int eq = s.indexOf('=', i);
            if (eq >= 0 && eq < end) {
                out.append(s, i, eq).append("=?");
            } else {
                out.append(s, i, end);
            }
            if (end < to) {
                out.append('&');
            }
            i = end + 1;
        }
    }

    static void appendLower(StringBuilder out, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : Character.toLowerCase(c));
        }
    }

    static int indexOfAny(String s, int from, int to, char a, char b) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return to;
    }

    static int indexOfAny(String s, int from, int to, char a, char b, char c) {
        for (int i = from; i < to; i++) {
            char x = s.charAt(i);
            if (x == a || x == b || x == c) {
                return i;
            }
        }
        return to;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
