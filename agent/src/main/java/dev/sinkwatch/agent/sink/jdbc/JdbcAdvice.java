package dev.sinkwatch.agent.sink.jdbc;

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
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_QUERY, sql, statement, t0, error);
        }
    }

    public static final class UpdateSql {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_UPDATE, sql, statement, t0, error);
        }
    }

    public static final class ExecuteSql {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_EXECUTE, sql, statement, t0, error);
        }
    }

    /** {@code Statement.addBatch(String)}: counted as a batch call of that SQL. */
    public static final class AddBatchSql {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Argument(0) String sql, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_BATCH, sql, statement, t0, error);
        }
    }

    public static final class QueryPrepared {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_QUERY, statement, null, t0, error);
        }
    }

    public static final class UpdatePrepared {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_UPDATE, statement, null, t0, error);
        }
    }

    public static final class ExecutePrepared {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_EXECUTE, statement, null, t0, error);
        }
    }

    /** {@code executeBatch()}: the prepared SQL when there is one (plain statements report each addBatch). */
    public static final class ExecuteBatch {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object statement,
                         @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JDBC_BATCH, statement, null, t0, error);
        }
    }

    public static final class Prepare {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object connection, @Advice.Argument(0) String sql,
                         @Advice.Return Object statement) {
            SinkBridge.statementCreated(connection, statement, sql);
        }
    }

    public static final class CreateStatement {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object connection, @Advice.Return Object statement) {
            SinkBridge.statementCreated(connection, statement, null);
        }
    }

    public static final class Connect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.Argument(0) String url,
                         @Advice.Return Object connection, @Advice.Thrown Throwable error) {
            SinkBridge.connectionOpened(connection, url);
            // A driver returns null for URLs that are not its own (DriverManager asks each): not a connect.
            SinkBridge.exit(s, Ops.JDBC_CONNECT, connection != null || error != null ? url : null, connection, t0,
                    error);
        }
    }
}
