package dev.sinkwatch.agent.it;

/** JDBC against H2 in-process, with a password that must never be exported. */
class H2JdbcIT extends AbstractJdbcIT {
    @Override
    String url() {
        return "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "s3cret-pw";
    }

    @Override
    String system() {
        return "h2";
    }
}
