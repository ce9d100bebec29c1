package dev.sinkwatch.agent.normalize;

/**
 * Finds personal and secret parts of names (paths, URL paths, executables, thread names) so the normalisers can
 * fold them to {@code ?} while the rest of the shape stays readable.
 *
 * <ul>
 *   <li><b>e-mail addresses</b>: {@code local@domain.tld} becomes {@code ?@?};</li>
 *   <li><b>user names in home directories</b>: the segment after {@code home} or {@code Users} (any case),
 *       after {@code /} or {@code \}: {@code /home/alice/.ssh} &rarr; {@code /home/?/.ssh},
 *       {@code C:\Users\bob\x} &rarr; {@code C:\Users\?\x};</li>
 *   <li><b>tokens</b>: a known secret prefix ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_},
 *       {@code ghr_}, {@code github_pat_}, {@code glpat-}, {@code xoxb-}, {@code xoxp-}, {@code xoxa-},
 *       {@code xoxs-}, {@code sk_live_}, {@code sk_test_}, {@code sk-}, {@code AKIA}) followed by at least
 *       {@value #MIN_PREFIXED_TOKEN} token characters keeps its prefix ({@code ghp_?}); any other run of
 *       {@value #MIN_RANDOM_TOKEN} or more token characters ({@code A-Z a-z 0-9 _ -}) holding lower and upper case
 *       letters and digits whose character class (lower, upper, digit) changes at least once every
 *       {@value #CHARS_PER_CLASS_CHANGE} characters reads as random and becomes {@code ?}. Words, dates and
 *       {@code kebab-case-names-2024} change class rarely and are kept; a random token in one case only is not
 *       recognised (hex ids and UUIDs are folded by {@link PathFolder}'s own rules).</li>
 * </ul>
 * Stateless and thread-safe; every method runs in time linear in its input.
 */
public final class PersonalData {
    static final int MIN_PREFIXED_TOKEN = 10;
    static final int MIN_RANDOM_TOKEN = 20;
    static final int CHARS_PER_CLASS_CHANGE = 5;

    private static final String[] TOKEN_PREFIXES = {
        "github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xoxs-",
        "sk_live_", "sk_test_", "sk-", "AKIA",
    };

    private PersonalData() {
    }

    /**
     * {@code text} with e-mail addresses, home-directory user names and tokens folded, nothing else changed;
     * the empty string for {@code null}.
     */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        appendFolded(out, text, 0, text.length(), false);
        return out.toString();
    }

    /** A thread name: {@link #fold} and every digit run as {@code ?} ({@code pool-3-thread-12} &rarr; {@code pool-?-thread-?}). */
    public static String foldThreadName(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length());
        appendFolded(out, name, 0, name.length(), true);
        return out.toString();
    }

    /** Appends {@code s[from, to)} folded; with {@code digits}, digit runs become {@code ?} too. */
    static void appendFolded(StringBuilder out, String s, int from, int to, boolean digits) {
        int i = from;
        while (i < to) {
            int email = emailEnd(s, i, to);
            if (email > 0) {
                out.append("?@?");
                i = email;
                continue;
            }
            int token = tokenEnd(s, i, to);
            if (token > 0) {
                appendToken(out, s, i);
                i = token;
                continue;
            }
            char c = s.charAt(i);
            if (isHomeParent(s, from, i)) {
                int end = i;
                while (end < to && s.charAt(end) != '/' && s.charAt(end) != '\\') {
                    end++;
                }
                if (end == i) { // an empty user segment (home/\ or home//): nothing to fold, and step on
                    out.append(c);
                    i++;
                } else {
                    out.append('?');
                    i = end;
                }
            } else if (isTokenChar(c)) {
                int end = i;
                while (end < to && isTokenChar(s.charAt(end)) && emailEnd(s, end, to) < 0) {
                    end++;
                }
                for (int k = i; k < end; k++) {
                    char d = s.charAt(k);
                    if (digits && d >= '0' && d <= '9') {
                        if (k == i || !(s.charAt(k - 1) >= '0' && s.charAt(k - 1) <= '9')) {
                            out.append('?');
                        }
                    } else {
                        out.append(d);
                    }
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
    }

    /** Appends the folded form of the token starting at {@code start}: its known prefix and {@code ?}. */
    static void appendToken(StringBuilder out, String s, int start) {
        String prefix = knownPrefix(s, start);
        if (prefix != null) {
            out.append(prefix);
        }
        out.append('?');
    }

    /**
     * Whether {@code i} starts a segment right after {@code home/} or {@code Users\} (any case, either separator),
     * that is whether {@code s[i..]} is a user name in a home directory.
     */
    static boolean isHomeParent(String s, int from, int i) {
        if (i - from < 5 || !isSeparator(s.charAt(i - 1))) {
            return false;
        }
        int start;
        if (s.regionMatches(true, i - 5, "home", 0, 4)) {
            start = i - 5;
        } else if (i - from >= 6 && s.regionMatches(true, i - 6, "users", 0, 5)) {
            start = i - 6;
        } else {
            return false;
        }
        return start == from || isSeparator(s.charAt(start - 1));
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }

    /**
     * The end of the token starting at {@code i} (a known prefix and {@value #MIN_PREFIXED_TOKEN} token chars,
     * or a random-looking run), or -1. A token starts only at the beginning of a run of token characters.
     */
    static int tokenEnd(String s, int i, int to) {
        if (i > 0 && isTokenChar(s.charAt(i - 1)) || !isTokenChar(s.charAt(i))) {
            return -1;
        }
        int end = i;
        while (end < to && isTokenChar(s.charAt(end))) {
            end++;
        }
        String prefix = knownPrefix(s, i);
        if (prefix != null && end - i - prefix.length() >= MIN_PREFIXED_TOKEN) {
            return end;
        }
        return end - i >= MIN_RANDOM_TOKEN && looksRandom(s, i, end) ? end : -1;
    }

    private static String knownPrefix(String s, int i) {
        for (String p : TOKEN_PREFIXES) {
            if (s.startsWith(p, i)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Lower and upper case letters and digits (base62 and base64 tokens; hex ids and UUIDs are single-case and
     * folded by the path rules), and a change of character class at least every {@value #CHARS_PER_CLASS_CHANGE}
     * chars.
     */
    private static boolean looksRandom(String s, int from, int to) {
        int changes = 0;
        int lower = 0;
        int upper = 0;
        int digits = 0;
        int previous = -1;
        for (int k = from; k < to; k++) {
            int cls = charClass(s.charAt(k));
            if (cls == 0) {
                lower++;
            } else if (cls == 1) {
                upper++;
            } else if (cls == 2) {
                digits++;
            }
            if (cls >= 0) {
                if (previous >= 0 && cls != previous) {
                    changes++;
                }
                previous = cls;
            }
        }
        return lower > 0 && upper > 0 && digits > 0 && changes * CHARS_PER_CLASS_CHANGE >= to - from;
    }

    /** 0 lower, 1 upper, 2 digit, -1 other. */
    private static int charClass(char c) {
        if (c >= 'a' && c <= 'z') {
            return 0;
        }
        if (c >= 'A' && c <= 'Z') {
            return 1;
        }
        return c >= '0' && c <= '9' ? 2 : -1;
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /**
     * The end of the e-mail address starting at {@code i}: local part ({@code A-Z a-z 0-9 . _ % + -}), {@code @},
     * a domain with a dot; -1 when none starts exactly there.
     */
    static int emailEnd(String s, int i, int to) {
        if (i > 0 && isLocalChar(s.charAt(i - 1)) || !isLocalChar(s.charAt(i))) {
            return -1;
        }
        int at = i;
        while (at < to && isLocalChar(s.charAt(at))) {
            at++;
        }
        if (at == i || at >= to || s.charAt(at) != '@') {
            return -1;
        }
        int end = at + 1;
        boolean dot = false;
        while (end < to && (isDomainChar(s.charAt(end)))) {
            dot |= s.charAt(end) == '.' && end > at + 1;
            end++;
        }
        while (end > at + 1 && s.charAt(end - 1) == '.') {
            end--;
        }
        return dot && end > at + 1 ? end : -1;
    }

    private static boolean isLocalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}
