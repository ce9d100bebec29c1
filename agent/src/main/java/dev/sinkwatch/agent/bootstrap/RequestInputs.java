package dev.sinkwatch.agent.bootstrap;

/**
 * The inputs of the inbound request a thread is serving: query parameters, path segments, headers and cookies, and
 * the values the framework parses from the body (form fields, JSON strings) and binds to names (path variables), as
 * (source, name, value) triples, so a sink call can tell whether one of them reached its target. Raw values stay
 * in this object and never leave the JVM; only a source and a name are exported.
 *
 * <p>Bounded: at most {@link #MAX_INPUTS} inputs of at most {@link #MAX_VALUE_CHARS} characters each (longer values
 * keep their prefix, which still shows where they land); values shorter than {@link #MIN_VALUE_CHARS} are not kept
 * (they match everywhere and can span no structure).
 *
 * <p>Concurrency: filled by the thread serving the request before the application runs; while it runs, values the
 * framework parses (form fields, JSON strings, path variables) are appended under this object's lock, possibly from
 * a task the request handed to another thread. Readers take no lock: {@link #size} is volatile and written after the
 * slot it counts, and a slot, once counted, only ever has its name replaced (a reference write).
 */
public final class RequestInputs {
    public static final int MAX_INPUTS = 64;
    public static final int MAX_VALUE_CHARS = 1024;
    public static final int MIN_VALUE_CHARS = 2;

    private final String[] sources = new String[MAX_INPUTS];
    private final String[] names = new String[MAX_INPUTS];
    private final String[] values = new String[MAX_INPUTS];
    /** Written after the slot it counts (volatile): a task on another thread never sees a half-added input. */
    private volatile int size;
    /** Nested service calls (filters, forwards) of the same request on this thread. */
    int depth;

    /**
     * Raw text split into inputs only when a sink call on the request first needs them ({@link #size()}), so a
     * request that reaches no sink never pays for decoding its query string, path and cookies.
     */
    private String pendingQuery;
    private String pendingUri;
    private String pendingCookies;
    private volatile boolean settled = true;

    /** The number of inputs, after splitting whatever raw text is still pending. */
    public int size() {
        if (!settled) {
            settle();
        }
        return size;
    }

    public boolean full() {
        return size == MAX_INPUTS;
    }

    public String source(int i) {
        return sources[i];
    }

    /** The input's name; header names are lower-cased here, on the rare path that reports one. */
    public String name(int i) {
        String name = names[i];
        return sources[i].equals("header") ? name.toLowerCase(java.util.Locale.ROOT) : name;
    }

    public String value(int i) {
        return values[i];
    }

    /** Adds one input; ignored when full, or when the value is null or too short. */
    public synchronized void add(String source, String name, String value) {
        int n = size;
        if (n == MAX_INPUTS || value == null || value.length() < MIN_VALUE_CHARS) {
            return;
        }
        sources[n] = source;
        names[n] = name == null ? "" : name.length() > 64 ? name.substring(0, 64) : name;
        values[n] = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
        size = n + 1;
    }

    /**
     * A value the framework handed the application while it ran (a form field, a JSON string): added unless an input
     * already holds the same value (a query parameter read through {@code getParameter}, a value read twice).
     */
    public synchronized void addParsed(String source, String name, String value) {
        settle();
        if (value == null || value.length() < MIN_VALUE_CHARS || size == MAX_INPUTS || holds(value)) {
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
        for (int i = 0; i < size; i++) {
            if (sources[i].equals("path") && values[i].equals(value)) {
                names[i] = name.length() > 64 ? name.substring(0, 64) : name;
                return;
            }
        }
        add("path", name, value);
    }

    /** What {@code getInputStream} returned for this request: the raw body, compared by identity. */
    private volatile Object bodyStream;
    /** Object streams opened directly over the body (a few per request at most). */
    private final Object[] bodyReaders = new Object[4];

    public void bodyStream(Object stream) {
        bodyStream = stream;
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

    private boolean holds(String value) {
        String kept = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
        for (int i = 0; i < size; i++) {
            if (values[i].equals(kept)) {
                return true;
            }
        }
        return false;
    }

    /** The query string; split into its decoded parameters (source {@code query}) when first needed. */
    public void addQuery(String query) {
        if (query != null && !query.isEmpty()) {
            pendingQuery = query;
            settled = false;
        }
    }

    /** The request URI; split into its decoded segments (source {@code path}, named by position) when first needed. */
    public void addPath(String uri) {
        if (uri != null && !uri.isEmpty()) {
            pendingUri = uri;
            settled = false;
        }
    }

    /** A header; a {@code Cookie} header is split into cookies (source {@code cookie}) when first needed. */
    public void addHeader(String name, String value) {
        if (name == null || value == null) {
            return;
        }
        if (name.equalsIgnoreCase("cookie")) {
            pendingCookies = value;
            settled = false;
            return;
        }
        if (name.equalsIgnoreCase("host") || name.equalsIgnoreCase("content-length")
                || name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("accept-encoding")) {
            return; // set by the client stack, never an application input
        }
        add("header", name, value);
    }

    private synchronized void settle() {
        if (settled) {
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
        settled = true;
    }

    private void splitQuery(String query) {
        if (query == null) {
            return;
        }
        int start = 0;
        while (start < query.length() && size < MAX_INPUTS) {
            int amp = query.indexOf('&', start);
            int stop = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            if (eq > start && eq < stop && stop - eq > MIN_VALUE_CHARS) {
                add("query", decode(query.substring(start, eq)), decode(query.substring(eq + 1, stop)));
            }
            start = stop + 1;
        }
    }

    private void splitPath(String uri) {
        if (uri == null) {
            return;
        }
        int index = 0;
        int start = 0;
        while (start < uri.length() && size < MAX_INPUTS) {
            int slash = uri.indexOf('/', start);
            int stop = slash < 0 ? uri.length() : slash;
            if (stop > start) {
                add("path", String.valueOf(index), decode(uri.substring(start, stop)));
                index++;
            }
            start = stop + 1;
        }
    }

    private void splitCookies(String cookies) {
        if (cookies == null) {
            return;
        }
        for (String pair : cookies.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                add("cookie", pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, "UTF-8");
        } catch (Exception e) {
            return s; // a malformed escape: the text as sent
        }
    }
}
