package dev.sinkwatch.agent.normalize;

/**
 * Folds a file path to a stable, low-cardinality shape.
 *
 * <p>Rules, in order, in one pass over the path:
 * <ol>
 *   <li>a relative path is resolved against {@code user.dir}, captured once when this class initialises;</li>
 *   <li>the path is normalised lexically: empty and {@code .} segments dropped, {@code ..} removes the previous
 *       segment (never above {@code /}); the file system is never touched, symbolic links are not resolved;</li>
 *   <li>volatile parts of each segment fold to {@code *}: a UUID ({@code 8-4-4-4-12} hex digits); a run of ASCII
 *       letters and digits that is all hex, at least 8 long and holds a digit (hashes, hex ids: a word such as
 *       {@code deadbeef} without a digit is kept); otherwise each run of digits ({@code order-123.json} &rarr;
 *       {@code order-*.json}, {@code 2024/06/01} &rarr; {@code *}/{@code *}/{@code *}, and so the temp files of
 *       {@code File.createTempFile}: {@code prefix1234567890123456789.tmp} &rarr; {@code prefix*.tmp}).
 *       Random temp names without digits ({@code mktemp}'s letters) are not recognised.</li>
 *   <li>personal and secret parts fold to {@code ?} first (see {@link PersonalData}): the user name after
 *       {@code /home/} or {@code /Users/} ({@code /home/?/.ssh/id_rsa}), also {@code C:\Users\?\} inside a
 *       Windows path; e-mail addresses ({@code ?@?}); tokens ({@code ghp_?}, a random-looking run {@code ?}).</li>
 * </ol>
 * Only POSIX paths are supported: on Windows, {@code \} is an ordinary character and drive letters are not
 * recognised (a Windows path is treated as relative).
 *
 * <p>{@link #foldCached} keeps up to {@value #CACHE_ENTRIES} folded paths of at most {@value #CACHE_MAX_PATH_CHARS}
 * chars (and {@value #CACHE_CHARS_PER_ENTRY} chars per entry on average) in a fill-once cache: when full, nothing
 * is evicted and new paths are folded on every call. Memory per entry: about 160 bytes plus the raw and folded
 * path (1 byte per char for Latin-1, 2 otherwise). Thread-safe.
 */
public final class PathFolder {
    static final int CACHE_ENTRIES = 4096;
    static final int CACHE_MAX_PATH_CHARS = 4096;
    static final int CACHE_CHARS_PER_ENTRY = 512;

    private static final String BASE = baseDirectory();
    private static final BoundedCache CACHE =
            new BoundedCache(CACHE_ENTRIES, CACHE_MAX_PATH_CHARS, (long) CACHE_ENTRIES * CACHE_CHARS_PER_ENTRY);

    private PathFolder() {
    }

    private static String baseDirectory() {
        String dir;
        try {
            dir = System.getProperty("user.dir");
        } catch (SecurityException e) {
            dir = null;
        }
        return dir != null && dir.startsWith("/") ? dir : "/";
    }

    /** The absolute, normalised, folded form of {@code path}; the empty string for {@code null}. */
    public static String fold(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(path.length() + (path.startsWith("/") ? 0 : BASE.length() + 1));
        if (!path.startsWith("/")) {
            appendSegments(out, BASE);
        }
        appendSegments(out, path);
        if (out.length() == 0) {
            out.append('/');
        }
        return out.toString();
    }

    /** {@link #fold} through the shared bounded cache: a hit allocates nothing. */
    public static String foldCached(String path) {
        if (path == null) {
            return "";
        }
        String cached = CACHE.get(path);
        if (cached != null) {
            return cached;
        }
        String folded = fold(path);
        CACHE.offer(path, folded);
        return folded;
    }

    /**
     * Whether the raw path has a {@code ..} segment (the intent to climb directories, which {@link #fold} resolves
     * away). Both {@code /} and {@code \} separate segments here, so a Windows-style attempt is seen too.
     */
    public static boolean hasTraversal(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        int n = rawPath.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || rawPath.charAt(i) == '/' || rawPath.charAt(i) == '\\') {
                if (i - start == 2 && rawPath.charAt(start) == '.' && rawPath.charAt(start + 1) == '.') {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    static int cacheSize() {
        return CACHE.size();
    }

    static long cacheUncachedCount() {
        return CACHE.uncachedCount();
    }

    private static void appendSegments(StringBuilder out, String p) {
        int n = p.length();
        int i = 0;
        boolean afterHome = false; // the previous segment as written was home or Users: /home/home/alice folds alice
        while (i < n) {
            while (i < n && p.charAt(i) == '/') {
                i++;
            }
            int start = i;
            while (i < n && p.charAt(i) != '/') {
                i++;
            }
            int len = i - start;
            if (len == 0 || (len == 1 && p.charAt(start) == '.')) {
                continue;
            }
            if (len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.') {
                out.setLength(Math.max(out.lastIndexOf("/"), 0));
                continue;
            }
            out.append('/');
            boolean userName = afterHome || isHomeDirectory(out);
            afterHome = (len == 4 && p.regionMatches(true, start, "home", 0, 4))
                    || (len == 5 && p.regionMatches(true, start, "users", 0, 5));
            if (userName) { // the user's name
                out.append('?');
                continue;
            }
            foldSegment(out, p, start, i);
        }
    }

    /** Appends {@code s[from, to)} with its volatile parts folded to {@code *}. */
    static void foldSegment(StringBuilder out, String s, int from, int to) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (i > from && PersonalData.isHomeParent(s, from, i)) { // C:\Users\bob inside one segment
                out.append('?');
                while (i < to && s.charAt(i) != '\\') {
                    i++;
                }
                continue;
            }
            int email = PersonalData.emailEnd(s, i, to);
            if (email > 0) {
                out.append("?@?");
                i = email;
                continue;
            }
            int token = PersonalData.tokenEnd(s, i, to);
            if (token > 0) {
                PersonalData.appendToken(out, s, i);
                i = token;
                continue;
            }
            if (!isAlnum(c)) {
                out.append(c);
                i++;
                continue;
            }
            if (isUuidAt(s, i, to)) {
                out.append('*');
                i += 36;
                continue;
            }
            int j = i;
            boolean allHex = true;
            boolean hasDigit = false;
            while (j < to && isAlnum(s.charAt(j))) {
                char d = s.charAt(j);
                if (isDigit(d)) {
                    hasDigit = true;
                } else if (!((d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F'))) {
                    allHex = false;
                }
                j++;
            }
            if (allHex && hasDigit && j - i >= 8) {
                out.append('*');
            } else {
                appendWithDigitRunsFolded(out, s, i, j);
            }
            i = j;
        }
    }

    /** Whether {@code out} ends with {@code /home/} or {@code /Users/} (any case): the next segment is a user. */
    private static boolean isHomeDirectory(StringBuilder out) {
        int n = out.length();
        return endsWithSegment(out, n - 1, "home") || endsWithSegment(out, n - 1, "users");
    }

    private static boolean endsWithSegment(StringBuilder out, int end, String name) {
        int start = end - name.length();
        if (start < 1 || out.charAt(start - 1) != '/') {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (Character.toLowerCase(out.charAt(start + k)) != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static void appendWithDigitRunsFolded(StringBuilder out, String s, int from, int to) {
        int i = from;
        while (i < to) {
            if (isDigit(s.charAt(i))) {
                out.append('*');
                while (i < to && isDigit(s.charAt(i))) {
                    i++;
                }
            } else {
                out.append(s.charAt(i));
                i++;
            }
        }
    }

    private static boolean isUuidAt(String s, int i, int to) {
        if (to - i < 36 || (i + 36 < to && isAlnum(s.charAt(i + 36)))) {
            return false;
        }
        for (int k = 0; k < 36; k++) {
            char c = s.charAt(i + k);
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
