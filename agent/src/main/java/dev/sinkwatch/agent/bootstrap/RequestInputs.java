package dev.sinkwatch.agent.bootstrap;

import java.util.Arrays;

/**
 * The inputs of the inbound request a thread is serving: query parameters, path segments, headers and cookies, and
 * the values the framework parses from the body (form fields, JSON strings) and binds to names (path variables), as
 * (source, name, value) triples, so a sink call can tell whether one of them reached its target. Raw values stay
 * in this object and never leave the JVM; only a source and a name are exported.
 *
 * <p>Nothing is copied per input: a value is a span of the text that holds it (the query string, the request URI,
 * the {@code Cookie} header, a header's value, a parsed value), found by offsets, and searched for in a sink's
 * target in place ({@link #indexIn}). Only a value that needs decoding ({@code %} or {@code +}) is decoded into a
 * string of its own; a name becomes a string only for a verdict. The query string, the path and the cookies are split
 * into spans only when a sink call on the request first needs them ({@link #size()}).
 *
 * <p>Bounded: at most {@link #MAX_INPUTS} inputs of at most {@link #MAX_VALUE_CHARS} characters each (longer values
 * keep their prefix, which still shows where they land); values shorter than {@link #MIN_VALUE_CHARS} are not kept
 * (they match everywhere and can span no structure); spans past the first {@link #MAX_TEXT_CHARS} characters of a
 * query string, a path or a cookie header are not kept.
 *
 * <p>Reuse: the thread that serves requests keeps its holder for the next request ({@link #release}), unless a task
 * it handed to another thread took it ({@link #handedOff}); then the holder stays with the tasks and the thread makes
 * a new one.
 *
 * <p>Concurrency: filled by the thread serving the request before the application runs (no lock: nobody else has
 * it yet); while it runs, values the framework parses and the split of the pending text are appended under this
 * object's lock, possibly from a task the request handed to another thread. Readers take no lock: {@link #size} is
 * volatile and written after the slot it counts (and after the arrays grow), a slot, once counted, is never changed
 * except for a path segment's name (one reference write), and arrays are replaced by larger copies, never
 * shrunk, until {@link #release} clears a holder no other thread has.
 */
public final class RequestInputs {
    public static final int MAX_INPUTS = 64;
    public static final int MAX_VALUE_CHARS = 1024;
    public static final int MIN_VALUE_CHARS = 2;
    /** Offsets past this in a query string, a path or a cookie header are not split (a bound on the work). */
    public static final int MAX_TEXT_CHARS = 16384;
    private static final int MAX_NAME_CHARS = 64;
    private static final int INITIAL_SLOTS = 16;

    private static final byte QUERY = 0;
    private static final byte PATH = 1;
    private static final byte HEADER = 2;
    private static final byte COOKIE = 3;
    private static final byte BODY = 4;
    private static final String[] SOURCES = {"query", "path", "header", "cookie", "body"};

    private byte[] sources = new byte[INITIAL_SLOTS];
    /** The text holding each value, and the value's span in it. */
    private String[] values = new String[INITIAL_SLOTS];
    private int[] valueStarts = new int[INITIAL_SLOTS];
    private int[] valueEnds = new int[INITIAL_SLOTS];
    /**
     * The text holding each name: a span of it for query parameters and cookies, the whole text for headers, body
     * fields and named path variables; null for a path segment named by its position (kept in {@link #nameStarts}).
     */
    private String[] names = new String[INITIAL_SLOTS];
    private int[] nameStarts = new int[INITIAL_SLOTS];
    private int[] nameEnds = new int[INITIAL_SLOTS];
    /** Slots filled, by the thread that opened the holder before the application runs, or under the lock. */
    private int filled;
    /**
     * Slots readers may read: {@link #filled} published (volatile) after the slots it counts, once per change rather
     * than once per slot, so a task on another thread never sees a half-added input.
     */
    private volatile int size;

    /**
     * Raw text split into inputs only when a sink call on the request first needs them ({@link #size()}), so a
     * request that reaches no sink never pays for splitting its query string, path and cookies. Set before the
     * application runs; a reader on another thread that sees a stale {@code true} only takes the lock to find out.
     */
    private boolean pending;
    private String pendingQuery;
    private String pendingUri;
    private String pendingCookies;

    /** Set when a task handed to another thread carries this holder: it is then never reused. */
    volatile boolean handedOff;

    /** What {@code getInputStream} and {@code getReader} returned for this request: the raw body, by identity. */
    private volatile Object bodyStream;
    private volatile Object bodyReader;
    /** The last JSON parser found to read the body, and the last found not to (most strings come from one parser). */
    private Object bodyParser;
    private Object otherParser;
    /** Object streams opened directly over the body (a few per request at most). */
    private final Object[] bodyReaders = new Object[4];

    /** The number of inputs, after splitting whatever raw text is still pending. */
    public int size() {
        if (pending) {
            settle();
        }
        return size;
    }

    /** Whether no input can be added any more (a hint for hooks: adding checks again). */
    public boolean full() {
        return filled >= MAX_INPUTS;
    }

    public String source(int i) {
        return SOURCES[sources[i]];
    }

    /** Whether the input is a path segment (a route often names what it runs). */
    public boolean isPath(int i) {
        return sources[i] == PATH;
    }

    /** The input's name, made only for a verdict (header names lower-cased here). */
    public String name(int i) {
        String text = names[i];
        switch (sources[i]) {
            case PATH:
                return text == null ? String.valueOf(nameStarts[i]) : text;
            case HEADER:
                return text.toLowerCase(java.util.Locale.ROOT);
            case BODY:
                return text;
            default:
                return text.substring(nameStarts[i], nameEnds[i]);
        }
    }

    /** The input's value as a string of its own (allocates: for a verdict's checks, not for searching). */
    public String value(int i) {
        return values[i].substring(valueStarts[i], valueEnds[i]);
    }

    /** The value's length in characters. */
    public int length(int i) {
        return valueEnds[i] - valueStarts[i];
    }

    /**
     * The characters of a sink's target folded to 64 bits ({@code c & 63}), for {@link #mayOccurIn}: one pass over
     * the target instead of one search per input. A long target (most bits set anyway) gives all bits.
     */
    public static long charMask(String target) {
        if (target.length() > 512) {
            return -1L;
        }
        long mask = 0;
        for (int i = 0; i < target.length(); i++) {
            mask |= 1L << target.charAt(i); // the shift uses the low 6 bits
        }
        return mask;
    }

    /**
     * False when the value cannot occur in the target whose {@link #charMask} is given: one of its first 16
     * characters is not in it. True means "search" ({@link #indexIn}).
     */
    boolean mayOccurIn(int i, long targetMask) {
        if (targetMask == -1L) {
            return true;
        }
        String text = values[i];
        for (int k = valueStarts[i], end = Math.min(valueEnds[i], k + 16); k < end; k++) {
            if ((targetMask & (1L << text.charAt(k))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Where the value first occurs in the target whose {@link #charMask} is given, or -1; allocates nothing. */
    public int firstIndexIn(int i, String target, long targetMask) {
        return mayOccurIn(i, targetMask) ? indexIn(i, target, 0) : -1;
    }

    /** Where the value occurs in {@code target} at or after {@code from}, or -1; allocates nothing. */
    public int indexIn(int i, String target, int from) {
        String text = values[i];
        int start = valueStarts[i];
        int length = valueEnds[i] - start;
        char first = text.charAt(start);
        char second = text.charAt(start + 1); // values have at least two characters
        int last = target.length() - length;
        for (int at = target.indexOf(first, from); at >= 0 && at <= last; at = target.indexOf(first, at + 1)) {
            if (target.charAt(at + 1) == second && target.regionMatches(at + 2, text, start + 2, length - 2)) {
                return at;
            }
        }
        return -1;
    }

    /** Whether the value holds {@code text}, ignoring case; allocates nothing. */
    public boolean valueHoldsIgnoreCase(int i, String text) {
        String value = values[i];
        int n = text.length();
        for (int at = valueStarts[i], last = valueEnds[i] - n; at <= last; at++) {
            if (value.regionMatches(true, at, text, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the value equals {@code text}; allocates nothing. */
    public boolean valueEquals(int i, String text) {
        int start = valueStarts[i];
        int length = valueEnds[i] - start;
        return text.length() == length && text.regionMatches(0, values[i], start, length);
    }

    /** Adds one input; ignored when full, or when the value is null or too short. */
    public synchronized void add(String source, String name, String value) {
        if (value != null) {
            settle();
            String given = name == null ? "" : cut(name, MAX_NAME_CHARS);
            put(sourceCode(source), given, 0, given.length(), value, 0, value.length());
            size = filled;
        }
    }

    /**
     * A value the framework handed the application while it ran (a form field, a JSON string): added unless an input
     * already holds the same value (a query parameter read through {@code getParameter}, a value read twice).
     */
    public synchronized void addParsed(String source, String name, String value) {
        settle();
        if (value == null || value.length() < MIN_VALUE_CHARS || filled == MAX_INPUTS || holds(value)) {
            return;
        }
        add(source, name, value);
    }

    /**
     * A path segment the framework bound to a name ({@code @PathVariable("id")}): the segment holding the value is
     * renamed from its position to the name, so a verdict says {@code path.id} rather than {@code path.2}.
     */
    public synchronized void namePathValue(String name, String value) {
        if (name == null || value == null || value.length() < MIN_VALUE_CHARS) {
            return;
        }
        settle();
        String given = cut(name, MAX_NAME_CHARS);
        for (int i = 0; i < filled; i++) {
            if (sources[i] == PATH && valueEquals(i, value)) {
                names[i] = given;
                return;
            }
        }
        add("path", given, value);
    }

    public void bodyStream(Object stream) {
        bodyStream = stream;
    }

    public void bodyReader(Object reader) {
        bodyReader = reader;
    }

    /**
     * Whether a JSON parser reading {@code source} (its input stream or reader) reads the request's body: the source
     * is what {@code getReader} returned, or what {@code getInputStream} returned or a chain of
     * {@code FilterInputStream}s over it (Spring's message converters wrap the body twice). Remembered for the last
     * parser either way.
     */
    public synchronized boolean parserReadsBody(Object parser, Object source) {
        if (parser == bodyParser) {
            return true;
        }
        if (parser == otherParser) {
            return false;
        }
        boolean body = source != null && (source == bodyReader || RequestBridge.readsStream(source, bodyStream));
        if (body) {
            bodyParser = parser;
        } else {
            otherParser = parser;
        }
        return body;
    }

    /** An {@code ObjectInputStream} was opened over {@code source}: remembered when that is the request's body. */
    public synchronized void objectStreamOpened(Object reader, Object source) {
        if (source == null || source != bodyStream) {
            return;
        }
        for (int i = 0; i < bodyReaders.length; i++) {
            if (bodyReaders[i] == null) {
                bodyReaders[i] = reader;
                return;
            }
        }
    }

    /** Whether this object stream reads the request's body. */
    public synchronized boolean readsBody(Object reader) {
        for (Object r : bodyReaders) {
            if (r != null && r == reader) {
                return true;
            }
        }
        return false;
    }

    /** The query string; split into its decoded parameters (source {@code query}) when first needed. */
    public void addQuery(String query) {
        if (query != null && !query.isEmpty()) {
            pendingQuery = query;
            pending = true;
        }
    }

    /** The request URI; split into its decoded segments (source {@code path}, named by position) when first needed. */
    public void addPath(String uri) {
        if (uri != null && !uri.isEmpty()) {
            pendingUri = uri;
            pending = true;
        }
    }

    /**
     * A header, kept as the container's strings; a {@code Cookie} header is split into cookies (source
     * {@code cookie}) when first needed. Headers the client stack sets are skipped.
     */
    public void addHeader(String name, String value) {
        if (name == null || value == null) {
            return;
        }
        switch (name.length()) {
            case 4: // host
            case 10: // connection
            case 14: // content-length
            case 15: // accept-encoding
                if (name.equalsIgnoreCase("host") || name.equalsIgnoreCase("connection")
                        || name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("accept-encoding")) {
                    return; // set by the client stack, never an application input
                }
                break;
            case 6:
                if (name.equalsIgnoreCase("cookie")) {
                    pendingCookies = value;
                    pending = true;
                    return;
                }
                break;
            default:
                break;
        }
        put(HEADER, cut(name, MAX_NAME_CHARS), 0, 0, value, 0, value.length());
        pending = true; // published with the rest when first needed
    }

    /**
     * The request ended on the thread that opened it: whether this holder may serve that thread's next request (no
     * task took it). If so it is emptied, so that nothing of this request is held.
     */
    boolean release() {
        if (handedOff) {
            return false;
        }
        // Nobody else has this holder: plain writes, and volatile ones only where something changed.
        Arrays.fill(values, 0, filled, null);
        Arrays.fill(names, 0, filled, null);
        filled = 0;
        if (size != 0) {
            size = 0;
        }
        pending = false;
        pendingQuery = null;
        pendingUri = null;
        pendingCookies = null;
        if (bodyStream != null || bodyReader != null) {
            bodyStream = null;
            bodyReader = null;
            Arrays.fill(bodyReaders, null);
        }
        bodyParser = null;
        otherParser = null;
        return true;
    }

    private boolean holds(String value) {
        int length = Math.min(value.length(), MAX_VALUE_CHARS);
        for (int i = 0; i < filled; i++) {
            int start = valueStarts[i];
            if (valueEnds[i] - start == length && value.regionMatches(0, values[i], start, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills the next slot with the value {@code text[start, end)} (cut at {@link #MAX_VALUE_CHARS}); ignored when
     * full or when the value is too short. The caller holds the lock, or is the only thread with this holder, and
     * publishes the slot by writing {@link #size}.
     */
    private void put(byte source, String nameText, int nameStart, int nameEnd, String text, int start, int end) {
        int n = filled;
        if (n == MAX_INPUTS || end - start < MIN_VALUE_CHARS) {
            return;
        }
        if (n == sources.length) {
            grow();
        }
        sources[n] = source;
        names[n] = nameText;
        nameStarts[n] = nameStart;
        nameEnds[n] = nameEnd;
        values[n] = text;
        valueStarts[n] = start;
        valueEnds[n] = Math.min(end, start + MAX_VALUE_CHARS);
        filled = n + 1;
    }

    /** Larger copies, published by the write of {@link #size} that follows (readers read the size first). */
    private void grow() {
        int capacity = Math.min(MAX_INPUTS, sources.length * 2);
        sources = Arrays.copyOf(sources, capacity);
        values = Arrays.copyOf(values, capacity);
        valueStarts = Arrays.copyOf(valueStarts, capacity);
        valueEnds = Arrays.copyOf(valueEnds, capacity);
        names = Arrays.copyOf(names, capacity);
        nameStarts = Arrays.copyOf(nameStarts, capacity);
        nameEnds = Arrays.copyOf(nameEnds, capacity);
    }

    private synchronized void settle() {
        if (!pending) {
            return;
        }
        String query = pendingQuery;
        String uri = pendingUri;
        String cookies = pendingCookies;
        pendingQuery = null;
        pendingUri = null;
        pendingCookies = null;
        splitQuery(query);
        splitPath(uri);
        splitCookies(cookies);
        size = filled;
        pending = false;
    }

    private void splitQuery(String query) {
        if (query == null) {
            return;
        }
        int length = Math.min(query.length(), MAX_TEXT_CHARS);
        boolean escaped = query.indexOf('%') >= 0 || query.indexOf('+') >= 0; // else nothing needs decoding
        int start = 0;
        while (start < length && filled < MAX_INPUTS) {
            int amp = query.indexOf('&', start);
            int stop = amp < 0 || amp > length ? length : amp;
            int eq = query.indexOf('=', start);
            if (eq > start && eq < stop && stop - eq > MIN_VALUE_CHARS) {
                String name = query;
                int nameStart = start;
                int nameEnd = eq;
                if (escaped && needsDecoding(query, start, eq)) { // rare: the only names made per request
                    name = cut(decode(query.substring(start, eq)), MAX_NAME_CHARS);
                    nameStart = 0;
                    nameEnd = name.length();
                } else if (eq - start > MAX_NAME_CHARS) {
                    nameEnd = start + MAX_NAME_CHARS;
                }
                if (escaped && needsDecoding(query, eq + 1, stop)) {
                    String value = decode(query.substring(eq + 1, stop));
                    put(QUERY, name, nameStart, nameEnd, value, 0, value.length());
                } else {
                    put(QUERY, name, nameStart, nameEnd, query, eq + 1, stop);
                }
            }
            start = stop + 1;
        }
    }

    private void splitPath(String uri) {
        int length = Math.min(uri == null ? 0 : uri.length(), MAX_TEXT_CHARS);
        int index = 0;
        int start = 0;
        while (start < length && filled < MAX_INPUTS) {
            int slash = uri.indexOf('/', start);
            int stop = slash < 0 || slash > length ? length : slash;
            if (stop > start) {
                if (needsDecoding(uri, start, stop)) {
                    String value = decode(uri.substring(start, stop));
                    put(PATH, null, index, 0, value, 0, value.length());
                } else {
                    put(PATH, null, index, 0, uri, start, stop);
                }
                index++;
            }
            start = stop + 1;
        }
    }

    private void splitCookies(String cookies) {
        int length = Math.min(cookies == null ? 0 : cookies.length(), MAX_TEXT_CHARS);
        int start = 0;
        while (start < length && filled < MAX_INPUTS) {
            int semicolon = cookies.indexOf(';', start);
            int stop = semicolon < 0 || semicolon > length ? length : semicolon;
            int eq = cookies.indexOf('=', start);
            if (eq > start && eq < stop) {
                int nameStart = skipSpace(cookies, start, eq);
                int nameEnd = Math.min(trimSpace(cookies, nameStart, eq), nameStart + MAX_NAME_CHARS);
                int valueStart = skipSpace(cookies, eq + 1, stop);
                put(COOKIE, cookies, nameStart, nameEnd, cookies, valueStart, trimSpace(cookies, valueStart, stop));
            }
            start = stop + 1;
        }
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimSpace(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    private static boolean needsDecoding(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                return true;
            }
        }
        return false;
    }

    private static byte sourceCode(String source) {
        for (byte b = 0; b < SOURCES.length; b++) {
            if (SOURCES[b].equals(source)) {
                return b;
            }
        }
        return BODY;
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, "UTF-8");
        } catch (Exception e) {
            return s; // a malformed escape: the text as sent
        }
    }
}
