package dev.sinkwatch.agent.bootstrap;

/**
 * Sink operations as small ints, so hooks pass a constant and keys pack into a long. The tens digit is the kind.
 */
public final class Ops {
    public static final int JDBC_QUERY = 1;
    public static final int JDBC_UPDATE = 2;
    public static final int JDBC_EXECUTE = 3;
    public static final int JDBC_BATCH = 4;
    public static final int JDBC_CONNECT = 5;
    /** A prepare that threw: recorded with its SQL, so an injection that breaks the statement is still seen. */
    public static final int JDBC_PREPARE = 6;

    public static final int FILE_READ = 10;
    public static final int FILE_WRITE = 11;
    public static final int FILE_DELETE = 13;
    public static final int FILE_RENAME = 14;
    public static final int FILE_COPY = 15;
    public static final int FILE_LIST = 16;
    public static final int FILE_MKDIR = 17;
    /** {@code exists}, {@code isFile}, {@code length}, ...: recorded only when a request input reaches the path. */
    public static final int FILE_PROBE = 18;

    public static final int NET_CONNECT = 20;
    public static final int NET_RESOLVE = 21;
    public static final int NET_SEND = 22;
    public static final int NET_HTTP = 23;

    public static final int PROCESS_EXEC = 30;
    public static final int DESERIALIZATION_RESOLVE = 40;
    public static final int JNDI_LOOKUP = 50;
    public static final int LDAP_SEARCH = 60;
    public static final int XPATH_COMPILE = 70;
    public static final int XPATH_EVALUATE = 71;

    /** Largest op value; ops fit in 7 bits of a packed key's 8 (the eighth marks input-correlated keys). */
    public static final int MAX = 127;

    private Ops() {
    }
}
