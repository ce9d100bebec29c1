package dev.sinkwatch.collector.profile;

import dev.sinkwatch.collector.detect.DetectionEngine;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The persistence scenarios on a real PostgreSQL ({@code SINKWATCH_TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}), each test in its own schema; plus two
 * collectors sharing one database. Skipped when no server answers, unless {@code CI=true} or
 * {@code SINKWATCH_REQUIRE_POSTGRES=true}.
 */
class PostgresProfilePersistenceTest extends AbstractProfilePersistenceTest {

    static final String URL = System.getenv().getOrDefault("SINKWATCH_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("SINKWATCH_TEST_POSTGRES_USER", "postgres");

    String schema;

    @BeforeEach
    void createSchema() {
        schema = "sw_detect_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            // Under CI a missing service fails the run; it never silently skips.
            if ("true".equals(System.getenv("CI")) || "true".equals(System.getenv("SINKWATCH_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL required but not reachable at " + URL, e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + URL + ": " + e.getMessage());
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    Database openDatabase() {
        return Database.postgres(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, null);
    }

    static Observation target(String table, String site) {
        return new Observation(new ServiceId("orders", "1.0.0"), "i", null, "k", SinkKind.JDBC, "query",
                "SELECT * FROM " + table, new CallSite(site, "X.java", 1, List.of(), true), true, false, 1, 0, 0, 0,
                new long[0], Map.of(), 0, 0);
    }

    @Test
    @DisplayName("two collectors learning the same profiles on one PostgreSQL lose no target")
    void twoCollectorsLoseNothing() throws Exception {
        try (Database dbA = openDatabase(); Database dbB = openDatabase()) {
            DetectionEngine a = new DetectionEngine(new ProfileStore(dbA), SETTINGS, clock);
            DetectionEngine b = new DetectionEngine(new ProfileStore(dbB), SETTINGS, clock);
            int sites = 5;
            int perEngine = 40;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (DetectionEngine engine : List.of(a, b)) {
                String prefix = engine == a ? "a_" : "b_";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perEngine; i++) {
                        engine.observe(target(prefix + i, "com.acme.S" + (i % sites) + ".f"));
                        engine.observe(target("shared_" + i, "com.acme.S" + (i % sites) + ".f"));
                        if (i % 7 == 0) {
                            engine.flush(); // interleave writes so the optimistic versions collide
                        }
                    }
                    engine.flush();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            a.close();
            b.close();
        }
        try (Database db = openDatabase()) {
            DetectionEngine c = new DetectionEngine(new ProfileStore(db), SETTINGS, clock);
            Set<String> targets = new HashSet<>();
            for (ProfileSummary s : c.profiles("orders")) {
                Profile p = c.profile(new ProfileKey(s.serviceName(), s.serviceVersion(), s.callSiteId(), s.kind()));
                targets.addAll(p.targets().get("query"));
            }
            assertEquals(5, c.profiles("orders").size());
            assertEquals(40 + 40 + 40, targets.size(), "a_*, b_* and shared_* all stored");
            c.close();
        }
    }

    @Test
    @DisplayName("when both collectors create the same profile, the second save merges the first instead of losing it")
    void conflictingFirstSaveMerges() {
        try (Database dbA = openDatabase(); Database dbB = openDatabase()) {
            ProfileStore storeA = new ProfileStore(dbA);
            ProfileStore storeB = new ProfileStore(dbB);
            DetectionEngine a = new DetectionEngine(storeA, SETTINGS, clock);
            DetectionEngine b = new DetectionEngine(storeB, SETTINGS, clock);
            a.observe(target("from_a", "com.acme.S.f"));
            b.observe(target("from_b", "com.acme.S.f"));
            a.flush();
            b.flush();
            assertEquals(1, storeB.conflicts(), "b's insert met a's row");
            ProfileKey key = new ProfileKey("orders", "1.0.0", "com.acme.S.f:1", SinkKind.JDBC);
            assertEquals(List.of("SELECT * FROM from_b", "SELECT * FROM from_a"), b.profile(key).targets().get("query"),
                    "b learned a's target while merging");
            a.observe(target("from_a2", "com.acme.S.f"));
            a.flush(); // a's version is stale now: it merges b's row, then writes
            assertEquals(1, storeA.conflicts());
            a.close();
            b.close();
        }
        try (Database db = openDatabase()) {
            DetectionEngine c = new DetectionEngine(new ProfileStore(db), SETTINGS, clock);
            Profile p = c.profile(new ProfileKey("orders", "1.0.0", "com.acme.S.f:1", SinkKind.JDBC));
            assertEquals(Set.of("SELECT * FROM from_a", "SELECT * FROM from_b", "SELECT * FROM from_a2"),
                    Set.copyOf(p.targets().get("query")));
            c.close();
        }
    }

    @Test
    @DisplayName("a collector meeting a profile another one stored first picks it up instead of starting afresh")
    void sharedLookupOnFirstSight() {
        try (Database dbA = openDatabase(); Database dbB = openDatabase()) {
            DetectionEngine b = new DetectionEngine(new ProfileStore(dbB), SETTINGS, clock); // started before a wrote
            DetectionEngine a = new DetectionEngine(new ProfileStore(dbA), SETTINGS, clock);
            a.observe(target("orders", "com.acme.S.f"));
            clock.advance(QUIET);
            a.observe(target("orders", "com.acme.S.f")); // now stable
            a.flush();
            assertEquals(List.of("novelty.jdbc"), b.observe(target("users", "com.acme.S.f")).stream()
                    .map(f -> f.detector().wireName()).toList());
            a.close();
            b.close();
        }
    }
}
