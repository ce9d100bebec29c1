package dev.sinkwatch.contract;

/**
 * The operations per kind; {@link #wireName()} is the value of {@link SinkAttributes#OPERATION}. A wire name is
 * unique within its kind only ({@code connect} is both a JDBC and a network operation).
 */
public enum SinkOperation {
    JDBC_QUERY(SinkKind.JDBC, "query"),
    JDBC_UPDATE(SinkKind.JDBC, "update"),
    JDBC_EXECUTE(SinkKind.JDBC, "execute"),
    JDBC_BATCH(SinkKind.JDBC, "batch"),
    JDBC_CONNECT(SinkKind.JDBC, "connect"),
    /** A {@code prepareStatement}/{@code prepareCall} that threw (one that succeeds is recorded when executed). */
    JDBC_PREPARE(SinkKind.JDBC, "prepare"),
    FILE_READ(SinkKind.FILE, "read"),
    FILE_WRITE(SinkKind.FILE, "write"),
    FILE_DELETE(SinkKind.FILE, "delete"),
    FILE_RENAME(SinkKind.FILE, "rename"),
    FILE_COPY(SinkKind.FILE, "copy"),
    FILE_LIST(SinkKind.FILE, "list"),
    FILE_MKDIR(SinkKind.FILE, "mkdir"),
    /** {@code exists}, {@code isFile}, {@code length}, ...: recorded only when a request input reaches the path. */
    FILE_PROBE(SinkKind.FILE, "probe"),
    NET_CONNECT(SinkKind.NET, "connect"),
    NET_RESOLVE(SinkKind.NET, "resolve"),
    NET_SEND(SinkKind.NET, "send"),
    NET_HTTP(SinkKind.NET, "http"),
    PROCESS_EXEC(SinkKind.PROCESS, "exec"),
    DESERIALIZATION_RESOLVE(SinkKind.DESERIALIZATION, "resolve"),
    JNDI_LOOKUP(SinkKind.JNDI, "lookup"),
    LDAP_SEARCH(SinkKind.LDAP, "search"),
    XPATH_COMPILE(SinkKind.XPATH, "compile"),
    XPATH_EVALUATE(SinkKind.XPATH, "evaluate");

    /** What the agent sends for an operation it cannot name (never expected). */
    public static final String UNKNOWN = "unknown";

    private final SinkKind kind;
    private final String wireName;

    SinkOperation(SinkKind kind, String wireName) {
        this.kind = kind;
        this.wireName = wireName;
    }

    public SinkKind kind() {
        return kind;
    }

    public String wireName() {
        return wireName;
    }

    /** The operation of {@code kind} called {@code wireName}, or null when the kind has none of that name. */
    public static SinkOperation of(SinkKind kind, String wireName) {
        for (SinkOperation operation : values()) {
            if (operation.kind == kind && operation.wireName.equals(wireName)) {
                return operation;
            }
        }
        return null;
    }
}
