package dev.sinkwatch.agent.bootstrap;

/**
 * Sink operations as small ints, so advice passes a constant and keys pack into a long. The tens digit is the kind.
 */
public final class Ops {
    public static final int JDBC_QUERY = 1;
    public static final int JDBC_UPDATE = 2;
    public static final int JDBC_EXECUTE = 3;
    public static final int JDBC_BATCH = 4;
    public static final int JDBC_CONNECT = 5;

    public static final int FILE_READ = 10;
    public static final int FILE_WRITE = 11;
    public static final int FILE_DELETE = 13;
    public static final int FILE_RENAME = 14;
    public static final int FILE_COPY = 15;
    public static final int FILE_LIST = 16;
    public static final int FILE_MKDIR = 17;

    public static final int NET_CONNECT = 20;
    public static final int NET_RESOLVE = 21;
    public static final int NET_SEND = 22;
    public static final int NET_HTTP = 23;

    public static final int PROCESS_EXEC = 30;
    public static final int DESERIALIZATION_RESOLVE = 40;
    public static final int JNDI_LOOKUP = 50;

    /** Largest op value; ops fit in 8 bits of a packed key. */
    public static final int MAX = 63;

    private Ops() {
    }
}
