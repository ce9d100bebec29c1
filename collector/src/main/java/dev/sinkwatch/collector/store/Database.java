package dev.sinkwatch.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The collector's one relational store: embedded H2 (a file under the data directory, no server to install) by
 * default, or PostgreSQL when several collectors share state.
 *
 * <p>Each concern (profiles, alerts, ...) owns its tables and creates them with {@link #applySchema(String)} from a
 * class-path script of idempotent DDL ({@code CREATE TABLE IF NOT EXISTS ...}) written in the SQL both databases
 * accept; H2 runs in PostgreSQL mode so that {@code INSERT ... ON CONFLICT} works on both.
 *
 * <p>Concurrency: thread-safe; connections come from a HikariCP pool.
 */
public final class Database implements AutoCloseable {

    /** Which SQL dialect differences a caller may need to handle (few: both speak PostgreSQL's). */
    public enum Kind { H2, POSTGRESQL }

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
     */
    public static Database embedded(Path dataDirectory) {
        String url = "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("sinkwatch")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE;WRITE_DELAY=0";
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
        return new Database(new HikariDataSource(config), kind);
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

    /**
     * Runs the statements of a class-path script (separated by lines ending in {@code ;}) in one transaction.
     * Scripts must be idempotent: they run at every start, on every collector.
     */
    public void applySchema(String classPathResource) {
        String script;
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(classPathResource)) {
            if (in == null) {
                throw new IllegalStateException("schema script not on the class path: " + classPathResource);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema script " + classPathResource, e);
        }
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String sql : script.split(";\\s*(\\r?\\n|$)")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("schema " + classPathResource + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
