package dev.sinkwatch.agent.bootstrap;

/**
 * The inputs of the inbound request a thread is serving: query parameters, path segments, headers and cookies, as
 * (source, name, value) triples, so a sink call can tell whether one of them reached its target. Raw values stay
 * in this object and never leave the JVM; only a source and a name are exported.
 *
 * <p>Bounded: at most {@link #MAX_INPUTS} inputs of at most {@link #MAX_VALUE_CHARS} characters each (longer values
 * keep their prefix, which still shows where they land); values shorter than {@link #MIN_VALUE_CHARS} are not kept
 * (they match everywhere and can span no structure).
 *
 * <p>Concurrency: written by the thread serving the request before the application runs, then only read; a task
 * handed to another thread reads it after the hand-off's happens-before edge.
 */
public final class RequestInputs {
    public static final int MAX_INPUTS = 64;
    public static final int MAX_VALUE_CHARS = 1024;
    public static final int MIN_VALUE_CHARS = 2;

    private final String[] sources = new String[MAX_INPUTS];
    private final String[] names = new String[MAX_INPUTS];
    private final String[] values = new String[MAX_INPUTS];
    private int size;
    /** Nested service calls (filters, forwards) of the same request on this thread. */
    int depth;

    public int size() {
        return size;
    }

    public boolean full() {
        return size == MAX_INPUTS;
    }

    public String source(int i) {
        return sources[i];
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** Adds one input; ignored when full, or when the value is null or too short. */
    public void add(String source, String name, String value) {
        if (size == MAX_INPUTS || value == null || value.length() < MIN_VALUE_CHARS) {
            return;
        }
        sources[size] = source;
        names[size] = name == null ? "" : name.length() > 64 ? name.substring(0, 64) : name;
        values[size] = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
        size++;
    }

    /** The query string's parameters, decoded ({@code a=1&b=x%27}); source {@code query}. */
    public void addQuery(String query) {
        if (query == null) {
            return;
        }
        int start = 0;
        while (start < query.length() && size < MAX_INPUTS) {
            int amp = query.indexOf('&', start);
            int stop = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            if (eq > start && eq < stop) {
                add("query", decode(query.substring(start, eq)), decode(query.substring(eq + 1, stop)));
            }
            start = stop + 1;
        }
    }

    /** The decoded path segments of a request URI; source {@code path}, named by position. */
    public void addPath(String uri) {
        if (uri == null) {
            return;
        }
        int index = 0;
        for (String segment : uri.split("/")) {
            if (!segment.isEmpty()) {
                add("path", String.valueOf(index), decode(segment));
                index++;
            }
        }
    }

    /** A header; a {@code Cookie} header is split into cookies (source {@code cookie}). */
    public void addHeader(String name, String value) {
        if (name == null || value == null) {
            return;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("cookie")) {
            for (String pair : value.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    add("cookie", pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return;
        }
        if (lower.equals("host") || lower.equals("content-length") || lower.equals("connection")
                || lower.equals("accept-encoding")) {
            return; // set by the client stack, never an application input
        }
        add("header", lower, value);
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, "UTF-8");
        } catch (Exception e) {
            return s; // a malformed escape: the text as sent
        }
    }
}
