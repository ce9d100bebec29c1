package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the alert layer's work in database transactions: retries transient conflicts, makes commits that must survive
 * a kill -9 durable, and runs after-commit actions (metrics, waking delivery workers) only once the commit happened.
 * The one place the alert layer meets JDBC transactions.
 *
 * <p>Concurrency: thread-safe; each call uses its own connection and its own {@link Tx}.
 */
final class AlertTransactions {

    private static final int MAX_ATTEMPTS = 5;

    /** Work in one transaction; it may run more than once (a transient conflict rolls back and retries it). */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** The transaction a piece of {@link Work} runs in. Not thread-safe: it belongs to the calling thread. */
    static final class Tx {
        private final Connection connection;
        private final List<Runnable> afterCommit = new ArrayList<>();
        private boolean durable;

        private Tx(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        /** Runs {@code action} after the commit; never when the transaction rolls back. */
        void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        /**
         * Marks this transaction as one whose commit must be on disk before the call returns: alerts and outbox rows
         * (new, reopened, escalated, resolved) and acknowledgements. PostgreSQL commits are durable anyway; embedded
         * H2 (MVStore) writes commits to its file in the background about once a second, so a kill -9 right after
         * {@code raise} returned would lose the alert. For H2 such a transaction is followed by {@code CHECKPOINT},
         * which writes every committed change to the file (≈1 ms). Plain repeats (count and last seen) skip it: a
         * kill -9 may lose up to about a second of repeat counts, never an alert or a notification.
         */
        void requireDurableCommit() {
            durable = true;
        }
    }

    private final Database db;

    AlertTransactions(Database db) {
        this.db = db;
    }

    /**
     * Runs {@code work} in a transaction, retrying transient failures (serialization failures, deadlocks, lock
     * timeouts, a unique violation from a concurrent insert) up to {@value #MAX_ATTEMPTS} times.
     *
     * @param what names the work in the error, e.g. {@code raise <id>}
     * @throws AlertStoreException when the work failed for good
     */
    <T> T run(String what, Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try (Connection connection = db.connection()) {
                connection.setAutoCommit(false);
                Tx tx = new Tx(connection);
                T result;
                try {
                    result = work.run(tx);
                    connection.commit();
                    if (tx.durable && db.kind() == Database.Kind.H2) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("CHECKPOINT");
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
                tx.afterCommit.forEach(Runnable::run);
                return result;
            } catch (SQLException e) {
                last = e;
                if (!isTransient(e)) {
                    break;
                }
                if (e.getSQLState() != null && isConnectionLoss(e.getSQLState())) {
                    // a restarting database: give it a moment (100 ms, 200 ms, ...) rather than 5 instant failures
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L * attempt);
                }
            }
        }
        throw new AlertStoreException("alert store: " + what + " failed: " + last.getMessage(), last);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; the pool discards it if broken
        }
    }

    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 40001 serialization failure, 40P01 deadlock, 23505 unique violation (racing insert),
                // 55P03 lock not available, HYT00 H2 lock timeout, 90131 H2 concurrent update
                if (state.equals("40001") || state.equals("40P01") || state.equals("23505")
                        || state.equals("55P03") || state.equals("HYT00") || state.equals("90131")
                        || isConnectionLoss(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * 08xxx connection exceptions, 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now: the
     * database restarted under the transaction; a new connection from the pool usually works.
     */
    static boolean isConnectionLoss(String sqlState) {
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03");
    }
}
