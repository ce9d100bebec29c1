package dev.sinkwatch.contract;

/**
 * The attributes of the agent's log records ({@link SinkEvents}), by the record that carries them. Names follow the
 * OpenTelemetry semantic conventions where one exists ({@code code.*}, {@code db.*}, {@code server.*}, ...), else
 * {@code sinkwatch.*}. docs/agent-output.md documents each; {@code AgentOutputDocTest} keeps the two in step.
 */
public final class SinkAttributes {

    // --- the key: on sinkwatch.sink.new and sinkwatch.sink.delta, so every record stands alone ---
    /** 16 lower-case hex digits: a stable hash of (call site, kind, operation, target). */
    public static final String KEY = "sinkwatch.key";
    /** A {@link SinkKind#wireName()}. */
    public static final String KIND = "sinkwatch.sink.kind";
    /** A {@link SinkOperation#wireName()}. */
    public static final String OPERATION = "sinkwatch.sink.operation";
    /** The normalised target. */
    public static final String TARGET = "sinkwatch.target";
    public static final String CODE_FUNCTION_NAME = "code.function.name";
    public static final String CODE_FILE_PATH = "code.file.path";
    public static final String CODE_LINE_NUMBER = "code.line.number";

    // --- sinkwatch.sink.new: the key's first call ---
    /** {@link #OUTCOME_OK} or {@link #OUTCOME_ERROR}. */
    public static final String OUTCOME = "sinkwatch.outcome";
    public static final String OUTCOME_OK = "ok";
    public static final String OUTCOME_ERROR = "error";
    public static final String ERROR_TYPE = "error.type";
    public static final String DURATION_NANOS = "sinkwatch.duration_ns";
    /** Up to 8 frames, innermost first. */
    public static final String CALLSITE_FRAMES = "sinkwatch.callsite.frames";
    /** {@link #ORIGIN_APP} or {@link #ORIGIN_LIBRARY}. */
    public static final String CALLSITE_ORIGIN = "sinkwatch.callsite.origin";
    public static final String ORIGIN_APP = "app";
    public static final String ORIGIN_LIBRARY = "library";
    public static final String THREAD_NAME = "thread.name";
    /** The unnormalised target, only with {@code sinkwatch.capture.raw=true}. */
    public static final String TARGET_RAW = "sinkwatch.target.raw";
    /** {@code true}/{@code false}: the first call served an inbound request (only once the JVM served one). */
    public static final String REQUEST = "sinkwatch.request";
    /** The rule a request input broke at the sink: {@code sql.injection}, {@code shell.injection}, ... */
    public static final String INPUT_RULE = "sinkwatch.input.rule";
    public static final String RULE_SQL_INJECTION = "sql.injection";
    public static final String RULE_SHELL_INJECTION = "shell.injection";
    public static final String RULE_FILE_TRAVERSAL = "file.traversal";
    public static final String RULE_NET_SSRF = "net.ssrf";
    public static final String RULE_JNDI_INJECTION = "jndi.injection";
    public static final String RULE_LDAP_INJECTION = "ldap.injection";
    public static final String RULE_XPATH_INJECTION = "xpath.injection";
    /** An {@code ObjectInputStream} over the request's raw body resolved a class: input {@code body.stream}. */
    public static final String RULE_DESERIALIZATION_BODY = "deserialization.body";
    /** The input's source: {@code query}, {@code path}, {@code header}, {@code cookie}, {@code body}. */
    public static final String INPUT_SOURCE = "sinkwatch.input.source";
    /** The input's source and name: {@code query.username}, {@code header.x-forwarded-for}; never its value. */
    public static final String INPUT_NAME = "sinkwatch.input.name";
    /** Where the input lies in the raw target, {@code start-end} in characters. */
    public static final String INPUT_SPAN = "sinkwatch.input.span";
    /** {@code true} when the call was stopped before the sink ran ({@code sinkwatch.block} lists the rule). */
    public static final String INPUT_BLOCKED = "sinkwatch.input.blocked";
    /** For {@code net.ssrf}: {@code loopback}, {@code private}, {@code link-local} or {@code metadata}. */
    public static final String DESTINATION_CLASS = "sinkwatch.destination.class";

    // --- sinkwatch.sink.delta: one interval ---
    public static final String INTERVAL_START_UNIX_MILLIS = "sinkwatch.interval.start_unix_ms";
    public static final String INTERVAL_END_UNIX_MILLIS = "sinkwatch.interval.end_unix_ms";
    public static final String COUNT = "sinkwatch.count";
    public static final String ERRORS = "sinkwatch.errors";
    public static final String DURATION_SUM_NANOS = "sinkwatch.duration.sum_ns";
    public static final String DURATION_MAX_NANOS = "sinkwatch.duration.max_ns";
    /** Sparse pairs {@code index, count} in the {@link LatencyBucketEncoding}. */
    public static final String DURATION_BUCKETS = "sinkwatch.duration.buckets";

    // --- sinkwatch.agent.status: since the agent started ---
    public static final String KEYS = "sinkwatch.keys";
    public static final String KEYS_CAPACITY = "sinkwatch.keys.capacity";
    public static final String KEYS_OVERFLOW = "sinkwatch.keys.overflow";
    public static final String EXPORT_DROPPED = "sinkwatch.export.dropped";
    public static final String STACK_WALKS = "sinkwatch.stack_walks";

    // --- kind-specific, on sinkwatch.sink.new ---
    public static final String DB_SYSTEM_NAME = "db.system.name";
    public static final String DB_NAMESPACE = "db.namespace";
    public static final String DB_QUERY_TEXT = "db.query.text";
    public static final String SERVER_ADDRESS = "server.address";
    public static final String SERVER_PORT = "server.port";
    public static final String FILE_PATH = "file.path";
    /** {@code true} when the path as given climbed with {@code ..}. */
    public static final String PATH_TRAVERSAL = "sinkwatch.path.traversal";
    public static final String NETWORK_PEER_ADDRESS = "network.peer.address";
    /** {@code tcp} or {@code udp}. */
    public static final String NETWORK_TRANSPORT = "network.transport";
    public static final String URL_FULL = "url.full";
    public static final String URL_SCHEME = "url.scheme";
    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String PROCESS_EXECUTABLE_NAME = "process.executable.name";
    public static final String PROCESS_COMMAND_LINE = "process.command_line";

    private SinkAttributes() {
    }
}
