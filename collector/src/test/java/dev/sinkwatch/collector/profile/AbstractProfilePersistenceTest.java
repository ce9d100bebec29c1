package dev.sinkwatch.collector.profile;

import dev.sinkwatch.collector.detect.DetectionEngine;
import dev.sinkwatch.collector.detect.DetectionSettings;
import dev.sinkwatch.collector.detect.MutableClock;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.store.Database;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persistence scenarios, run against each database by a thin subclass: a restart is a new engine over the same
 * database, and it keeps the baselines.
 */
abstract class AbstractProfilePersistenceTest {

    static final Duration QUIET = Duration.ofMinutes(1);
    static final DetectionSettings SETTINGS = DetectionSettings.builder().quietPeriod(QUIET)
            .flushInterval(Duration.ZERO).build();
    final MutableClock clock = new MutableClock(1_700_000_000_000L);

    /** A new connection pool on the same database every call (a "restarted" collector). */
    abstract Database openDatabase();

    static Observation sql(String target, boolean first, long count, long endMillis) {
        return new Observation(new ServiceId("orders", "1.0.0"), "i", null, "k", SinkKind.JDBC, "query", target,
                new CallSite("com.acme.OrderRepository.find", "OrderRepository.java", 42, List.of(), true),
                first, false, count, 0, 0, 0, new long[] {40, count}, Map.of(), endMillis - 10_000, endMillis);
    }

    @Test
    @DisplayName("a restarted engine keeps a stable baseline: known targets silent, new ones novelty")
    void restartKeepsBaseline() {
        try (Database db1 = openDatabase()) {
            DetectionEngine e1 = new DetectionEngine(new ProfileStore(db1), SETTINGS, clock);
            e1.observe(sql("SELECT * FROM orders WHERE id = ?", true, 1, clock.millis()));
            for (int i = 0; i < 12; i++) {
                clock.advance(Duration.ofSeconds(10));
                e1.observe(sql("SELECT * FROM orders WHERE id = ?", false, 100, clock.millis()));
            }
            List<Finding> novel = e1.observe(sql("SELECT * FROM users", true, 1, clock.millis()));
            assertEquals(1, novel.size());
            e1.approve(novel.get(0));
            e1.flush();
            // no close(): like kill -9 after the last write-behind
        }
        try (Database db2 = openDatabase()) {
            DetectionEngine e2 = new DetectionEngine(new ProfileStore(db2), SETTINGS, clock);
            ProfileSummary s = e2.profiles("orders").get(0);
            assertEquals(ProfileState.STABLE, s.state());
            assertEquals(2, s.targets());
            assertEquals(1, s.approvals());
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of(), e2.observe(sql("SELECT * FROM orders WHERE id = ?", false, 100, clock.millis())));
            assertEquals(List.of(), e2.observe(sql("SELECT * FROM users", false, 1, clock.millis())),
                    "approval survived");
            List<Finding> f = e2.observe(sql("SELECT * FROM payments", true, 1, clock.millis()));
            assertEquals(List.of("novelty.jdbc"), f.stream().map(x -> x.detector().wireName()).toList());
            assertEquals(Severity.WARNING, f.get(0).severity());
            Profile p = e2.profile(new ProfileKey("orders", "1.0.0", "com.acme.OrderRepository.find:42",
                    SinkKind.JDBC));
            KeyBaseline ks = p.existingStats("query", "SELECT * FROM orders WHERE id = ?");
            assertNotNull(ks, "statistics survived");
            assertTrue(ks.baseline(KeyBaseline.Metric.RATE).length >= 12, "rate baseline survived");
            e2.close();
        }
    }

    @Test
    @DisplayName("a profile changed after a restart is saved over the stored row (its version is tracked)")
    void saveAfterReload() {
        try (Database db = openDatabase()) {
            DetectionEngine e = new DetectionEngine(new ProfileStore(db), SETTINGS, clock);
            e.observe(sql("SELECT 1", true, 1, clock.millis()));
            e.close();
        }
        try (Database db = openDatabase()) {
            DetectionEngine e = new DetectionEngine(new ProfileStore(db), SETTINGS, clock);
            e.observe(sql("SELECT 2", true, 1, clock.millis()));
            e.close();
        }
        try (Database db = openDatabase()) {
            DetectionEngine e = new DetectionEngine(new ProfileStore(db), SETTINGS, clock);
            assertEquals(Map.of("query", 2), e.profiles("orders").get(0).targetsPerOperation());
            e.close();
        }
    }
}
