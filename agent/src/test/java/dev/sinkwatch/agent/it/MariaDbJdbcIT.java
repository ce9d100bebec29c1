package dev.sinkwatch.agent.it;

/** JDBC against the real MariaDB server on 127.0.0.1:3306 (root, no password). */
class MariaDbJdbcIT extends AbstractJdbcIT {
    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test";
    }

    @Override
    String user() {
        return "root";
    }

    @Override
    String password() {
        return "";
    }

    @Override
    String system() {
        return "mariadb";
    }
}
