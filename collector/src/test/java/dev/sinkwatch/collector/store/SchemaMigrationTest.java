package dev.sinkwatch.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema versions with Flyway on both databases: a new database gets every migration; a database the collector made
 * before schema versions existed (its tables and rows, no history) is baselined and migrated, its rows kept; opening
 * again applies nothing.
 *
 * <p>The PostgreSQL half creates a database of its own on the shared server at 127.0.0.1:5432 (skipped when it is
 * not reachable, except under CI=true).
 */
class SchemaMigrationTest {

    /** The schema as the collector made it before migrations: the two idempotent scripts run at every start. */
    private static final List<String> BEFORE_VERSIONS = List.of("db/migration/V1__profiles.sql",
            "db/migration/V2__alerts.sql");

    @TempDir
    Path work;

    @Test
    @DisplayName("H2: a new database gets every migration, an older one is baselined and keeps its rows")
    void h2() throws Exception {
        try (Database fresh = Database.embedded(work.resolve("fresh"))) {
            assertEquals(List.of("1", "2", "3"), versions(fresh));
        }
        String url = "jdbc:h2:file:" + work.resolve("old").toAbsolutePath().resolve("sinkwatch")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection old = DriverManager.getConnection(url)) {
            makeBeforeVersions(old);
        }
        try (Database migrated = Database.embedded(work.resolve("old"))) {
            assertMigratedKeepingRows(migrated);
        }
        try (Database again = Database.embedded(work.resolve("old"))) {
            assertEquals(List.of("0", "1", "2", "3"), versions(again), "nothing more to apply");
        }
    }

    @Test
    @DisplayName("PostgreSQL: an older database is baselined, migrated and keeps its rows")
    void postgres() throws Exception {
        String admin = System.getProperty("sinkwatch.it.postgresAdminUrl",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String name = "sinkwatch_schema_" + Long.toHexString(System.nanoTime());
        try (Connection connection = adminConnection(admin); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
        try {
            try (Connection old = DriverManager.getConnection(url + "?user=postgres")) {
                makeBeforeVersions(old);
            }
            try (Database migrated = Database.postgres(url, "postgres", null)) {
                assertMigratedKeepingRows(migrated);
            }
        } finally {
            try (Connection connection = adminConnection(admin); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static void makeBeforeVersions(Connection connection) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            for (String script : BEFORE_VERSIONS) {
                for (String sql : read(script).split(";\\s*(\\r?\\n|$)")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            statement.execute("INSERT INTO sinkwatch_profile (profile_id, service_name, service_version, call_site, "
                    + "sink_kind, state, row_version, updated_unix_ms, snapshot) "
                    + "VALUES ('p1', 'orders', '1.0', 'com.acme.A.f:1', 'jdbc', 'learning', 1, 0, '{}')");
        }
    }

    private static void assertMigratedKeepingRows(Database db) throws SQLException {
        assertEquals(List.of("0", "1", "2", "3"), versions(db), "baselined at 0, then every migration");
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT service_name FROM sinkwatch_profile")) {
                assertTrue(rows.next());
                assertEquals("orders", rows.getString(1), "the row made before migrations is kept");
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sinkwatch_call_site_frames")) {
                assertTrue(rows.next(), "the table of the newest migration exists");
            }
        }
    }

    private static List<String> versions(Database db) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = db.connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version FROM sinkwatch_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = SchemaMigrationTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Connection adminConnection(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("PostgreSQL not reachable at " + url + ": " + e.getMessage());
            throw e;
        }
    }
}
