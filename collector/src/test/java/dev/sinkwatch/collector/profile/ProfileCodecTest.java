package dev.sinkwatch.collector.profile;

import dev.sinkwatch.contract.SinkKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileCodecTest {

    static final LearningPolicy POLICY = new LearningPolicy(60_000, 20, 3, 1000, 3_600_000, 60, 16);
    static final ProfileKey KEY = new ProfileKey("orders", "1", "com.acme.A.f:1", SinkKind.JDBC);

    @Test
    @DisplayName("a snapshot round-trips targets, flags, approvals, state and statistics")
    void roundTrip() {
        Profile p = Profile.create(KEY, 1000);
        p.recordTarget("query", "SELECT ?", 1, 1000, POLICY);
        p.advance(70_000, POLICY);
        p.recordTarget("query", "SELECT * FROM t", 1, 70_000, POLICY);
        p.flag("query", "SELECT * FROM t");
        p.approve("query", "SELECT 1", "fp1", 71_000);
        KeyBaseline s = p.stats("query", "SELECT ?", POLICY);
        p.recordInterval(s, 100, 3, new long[] {40, 100});
        s.accept(KeyBaseline.Metric.RATE, 10.0, false);
        s.accept(KeyBaseline.Metric.RATE, 12.0, false);

        String json = ProfileCodec.toJson(ProfileCodec.snapshot(p));
        Profile back = ProfileCodec.restore(ProfileCodec.fromJson(json), 60);
        assertEquals(KEY, back.key());
        assertEquals(ProfileState.STABLE, back.state());
        assertEquals(p.targets(), back.targets());
        assertTrue(back.target("query", "SELECT * FROM t").novel());
        assertTrue(back.target("query", "SELECT * FROM t").flagged());
        assertTrue(back.target("query", "SELECT 1").approved());
        assertTrue(back.isApproved("fp1"));
        KeyBaseline bs = back.existingStats("query", "SELECT ?");
        assertEquals(100, bs.totalCount());
        assertEquals(3, bs.totalErrors());
        assertEquals(List.of(10.0, 12.0), java.util.Arrays.stream(bs.baseline(KeyBaseline.Metric.RATE)).boxed().toList());
        assertEquals(s.latencyPercentileNanos(50), bs.latencyPercentileNanos(50));
    }

    @Test
    @DisplayName("merge unites targets and approvals, keeps the furthest state, and trusts what either side learned")
    void merge() {
        Profile a = Profile.create(KEY, 1000);
        a.recordTarget("query", "A", 1, 1000, POLICY);
        a.recordTarget("query", "shared", 1, 1000, POLICY);
        Profile b = Profile.create(KEY, 500);
        b.recordTarget("query", "B", 1, 500, POLICY);
        b.advance(100_000, POLICY);
        b.recordTarget("query", "shared", 1, 100_000, POLICY); // novel on b's side
        b.approve(null, null, "fpB", 100_000);

        ProfileCodec.merge(a, ProfileCodec.snapshot(b), 60);
        assertEquals(Map.of("query", List.of("A", "shared", "B")), a.targets());
        assertEquals(ProfileState.STABLE, a.state());
        assertFalse(a.target("query", "shared").novel(), "learned on a's side wins");
        assertTrue(a.isApproved("fpB"));
        assertEquals(3, a.targetCount());
    }
}
