package dev.sinkwatch.agent.it;

/**
 * JDBC against the real PostgreSQL server on 127.0.0.1:5432 (trust authentication: the password in the URL is
 * ignored by the server, and must be dropped by the agent).
 */
class PostgresJdbcIT extends AbstractJdbcIT {
    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test?ApplicationName=sinkwatch-it&password=hunter2-url";
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    String password() {
        return "hunter2-pass";
    }

    @Override
    String system() {
        return "postgresql";
    }
}
