package dev.sinkwatch.agent.bootstrap;

/**
 * The static entry points JDBC advice calls besides {@link SinkBridge#exit}: connections opened, statements
 * created and closed, reported at any depth (a pool's proxy and the driver beneath it both report) and never on the
 * agent's own threads. Lives on the bootstrap class path beside {@link SinkBridge}, whose thread state it shares.
 *
 * <p>Concurrency: {@link #recorder} is written once at start-up and read racily by advice (volatile).
 */
public final class JdbcBridge {

    private static volatile JdbcRecorder recorder;

    private JdbcBridge() {
    }

    public static void install(JdbcRecorder jdbcRecorder) {
        recorder = jdbcRecorder;
    }

    /** Advice after {@code Driver.connect}: remembers the connection's database. */
    public static void connectionOpened(Object connection, String url) {
        JdbcRecorder r = recorder;
        if (r != null && connection != null && url != null && !SinkBridge.state().agentThread) {
            r.connectionOpened(connection, url);
        }
    }

    /** Advice after a JDBC statement is created: remembers its SQL and database. */
    public static void statementCreated(Object connection, Object statement, String sql) {
        JdbcRecorder r = recorder;
        if (r != null && statement != null) {
            ThreadState state = SinkBridge.state();
            if (!state.agentThread) {
                r.statementCreated(state, connection, statement, sql);
            }
        }
    }

    /** Advice after {@code Statement.close()}: the statement need not be remembered beyond its thread's ring. */
    public static void statementClosed(Object statement) {
        JdbcRecorder r = recorder;
        if (r != null && statement != null) {
            ThreadState state = SinkBridge.state();
            if (!state.agentThread) {
                r.statementClosed(state, statement);
            }
        }
    }
}
