package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.agent.bootstrap.JdbcBridge;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import net.bytebuddy.asm.Advice;

/**
 * JDBC advice, inlined into drivers and pools. Statements executed with SQL text pass it; prepared statements pass
 * themselves, and the recorder finds the SQL remembered at prepare time. Only the outermost call is recorded, so a
 * pool's proxy and the driver beneath it count once.
 */
public final class JdbcAdvice {
    private JdbcAdvice() {
    }

    public static final class QuerySql {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_QUERY, sql, statement, error);
        }
    }

    public static final class UpdateSql {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_UPDATE, sql, statement, error);
        }
    }

    public static final class ExecuteSql {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_EXECUTE, sql, statement, error);
        }
    }

    /** {@code Statement.addBatch(String)}: counted as a batch call of that SQL. */
    public static final class AddBatchSql {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_BATCH, sql, statement, error);
        }
    }

    public static final class QueryPrepared {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_QUERY, statement, null, error);
        }
    }

    public static final class UpdatePrepared {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_UPDATE, statement, null, error);
        }
    }

    public static final class ExecutePrepared {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_EXECUTE, statement, null, error);
        }
    }

    /** {@code executeBatch()}: the prepared SQL when there is one (plain statements report each addBatch). */
    public static final class ExecuteBatch {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_BATCH, statement, null, error);
        }
    }

    /**
     * {@code prepareStatement}/{@code prepareCall}: remembers the statement's SQL; a prepare that throws (an
     * injection that breaks the statement, on a driver that parses at prepare time) is recorded as {@code prepare}
     * with its SQL and the error, as no execution will be.
     */
    public static final class Prepare {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object connection,
                         @Advice.Argument(0) String sql, @Advice.Return Object statement,
                         @Advice.Thrown Throwable error) {
            if (error == null) {
                JdbcBridge.statementCreated(connection, statement, sql);
            }
            SinkBridge.exit(s, Ops.JDBC_PREPARE, error == null ? null : sql, connection, error);
        }
    }

    public static final class CreateStatement {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object connection, @Advice.Return Object statement) {
            JdbcBridge.statementCreated(connection, statement, null);
        }
    }

    /** {@code Statement.close()}: what the agent remembers of the statement need not outlive its thread's ring. */
    public static final class Close {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object statement) {
            JdbcBridge.statementClosed(statement);
        }
    }

    public static final class Connect {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Argument(0) String url,
                         @Advice.Return Object connection, @Advice.Thrown Throwable error) {
            JdbcBridge.connectionOpened(connection, url);
            // A driver returns null for URLs that are not its own (DriverManager asks each): not a connect.
            SinkBridge.exit(s, Ops.JDBC_CONNECT, connection != null || error != null ? url : null, connection, error);
        }
    }
}
