package dev.sinkwatch.agent.bootstrap;

/**
 * The static entry points JDBC hooks call besides {@link SinkBridge#exit}: connections opened, statements
 * created and closed, reported at any depth (a pool's proxy and the driver beneath it both report) and never on the
 * agent's own threads. Lives on the bootstrap class path beside {@link SinkBridge}, whose thread state it shares.
 *
 * <p>Concurrency: {@link #recorder} is written once at start-up and read racily by woven code (volatile).
 */
public final class JdbcBridge {

    private static volatile JdbcRecorder recorder;

    private JdbcBridge() {
    }

    public static void install(JdbcRecorder jdbcRecorder) {
        recorder = jdbcRecorder;
    }

    /**
     * {@code Driver.connect(url, info)}'s exit: remembers the connection's database and records the connect. A
     * driver returns null for URLs that are not its own (DriverManager asks each): that is not a connect.
     */
    public static void connected(ThreadState state, Object url, Object connection, Throwable error) {
        try {
            JdbcRecorder r = recorder;
            if (r != null && connection != null && url != null && !SinkBridge.state().agentThread) {
                r.connectionOpened(connection, (String) url);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
        SinkBridge.exit(state, Ops.JDBC_CONNECT, connection != null || error != null ? url : null, connection, error);
    }

    /**
     * {@code prepareStatement}/{@code prepareCall}'s exit: remembers the statement's SQL; a prepare that throws (an
     * injection that breaks the statement, on a driver that parses at prepare time) is recorded as {@code prepare}
     * with its SQL and the error, as no execution will be.
     */
    public static void prepared(ThreadState state, Object connection, Object sql, Object statement,
                                Throwable error) {
        if (error == null) {
            statementCreated(connection, statement, sql);
        }
        SinkBridge.exit(state, Ops.JDBC_PREPARE, error == null ? null : sql, connection, error);
    }

    /** After a JDBC statement is created: remembers its SQL ({@code null} for a plain statement) and database. */
    public static void statementCreated(Object connection, Object statement, Object sql) {
        try {
            JdbcRecorder r = recorder;
            if (r != null && statement != null) {
                ThreadState state = SinkBridge.state();
                if (!state.agentThread) {
                    r.statementCreated(state, connection, statement, (String) sql);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** After {@code Statement.close()}: the statement need not be remembered beyond its thread's ring. */
    public static void statementClosed(Object statement) {
        try {
            JdbcRecorder r = recorder;
            if (r != null && statement != null) {
                ThreadState state = SinkBridge.state();
                if (!state.agentThread) {
                    r.statementClosed(state, statement);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }
}
