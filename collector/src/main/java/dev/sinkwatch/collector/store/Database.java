package dev.sinkwatch.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The collector's one relational store: embedded H2 (a file under the data directory, no server to install) by
 * default, or PostgreSQL when several collectors share state.
 *
 * <p>The schema has versions: Flyway migrations under {@code db/migration} ({@code V<n>__<what>.sql}, in the SQL
 * both databases accept; H2 runs in PostgreSQL mode so that {@code INSERT ... ON CONFLICT} works on both) are
 * applied when the database is opened, their history in {@code sinkwatch_schema_history}. A database made before
 * migrations existed (tables, no history) is baselined at version 0, so every migration runs on it: they are
 * idempotent ({@code IF NOT EXISTS}) for that reason. On PostgreSQL Flyway serialises collectors that start at once
 * (an advisory lock).
 *
 * <p>Concurrency: thread-safe; connections come from a HikariCP pool.
 */
public final class Database implements AutoCloseable {

    /** Which SQL dialect differences a caller may need to handle (few: both speak PostgreSQL's). */
    public enum Kind { H2, POSTGRESQL }

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final HikariDataSource dataSource;
    private final Kind kind;

    private Database(HikariDataSource dataSource, Kind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /**
     * An embedded database in {@code dataDirectory}, created on first use. {@code WRITE_DELAY=0} makes every commit
     * reach the operating system before it returns (H2 would otherwise batch commits for up to a second), so a
     * commit survives kill -9 of the collector; surviving power loss is the file system's business.
     * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would otherwise close the database while the
     * collector's hook is still writing its last flushes (profiles, call-site frames); the pool's close closes it.
     */
    public static Database embedded(Path dataDirectory) {
        String url = "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("sinkwatch")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE;WRITE_DELAY=0"
                + ";DB_CLOSE_ON_EXIT=FALSE";
        return open(url, null, null, Kind.H2);
    }

    /** A PostgreSQL database shared by several collectors, e.g. {@code jdbc:postgresql://127.0.0.1:5432/sinkwatch}. */
    public static Database postgres(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, Kind.POSTGRESQL);
    }

    private static Database open(String url, String user, String password, Kind kind) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("sinkwatch-store");
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        Database database = new Database(dataSource, kind);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Kind kind() {
        return kind;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Applies the migrations this database lacks; returns how many ran. */
    private int migrate() {
        FlywayException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .table("sinkwatch_schema_history")
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .baselineDescription("made before schema versions")
                        .load()
                        .migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("schema: " + result.migrationsExecuted + " migrations applied, now at version "
                            + result.targetSchemaVersion);
                }
                return result.migrationsExecuted;
            } catch (FlywayException e) {
                // two collectors creating the history table at once on PostgreSQL: the loser tries again
                last = e;
            }
        }
        throw new IllegalStateException("schema migration failed: " + last.getMessage(), last);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
