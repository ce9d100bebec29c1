package dev.sinkwatch.agent.bootstrap;

/**
 * What JDBC hooks report besides sink calls: which database each connection and statement belongs to, and the
 * SQL a statement was prepared with, so that a later execution of a prepared statement can be resolved. Implemented
 * by the JDBC sink's target resolver (system class loader); only this interface lives on the bootstrap path.
 *
 * <p>Implementations must never throw and never block: they run on application threads.
 */
public interface JdbcRecorder {

    /** A JDBC connection was opened by a driver for this URL (at any depth: wrapping drivers nest). */
    void connectionOpened(Object connection, String url);

    /** A JDBC statement was created on a connection; {@code sql} is its SQL when prepared, else null. */
    void statementCreated(ThreadState state, Object connection, Object statement, String sql);

    /** A JDBC statement's {@code close()} returned. */
    void statementClosed(ThreadState state, Object statement);
}
