package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.profile.ProfileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistics through the engine: a key learns 30 normal 10 s intervals (≈ 100 calls, 0–2 errors, p50 ≈ 1.3 ms,
 * p99 ≈ 1.8 ms, with noise), then an anomaly is sustained or not.
 */
class DetectionEngineStatsTest {

    static final String SQL = "SELECT * FROM orders WHERE id = ?";
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final DetectionSettings settings = DetectionSettings.builder().quietPeriod(Duration.ofMinutes(1))
            .flushInterval(Duration.ZERO).build();
    final DetectionEngine engine = new DetectionEngine(ProfileStore.inMemory(), settings, clock);
    final Random random = new Random(42);

    @BeforeEach
    void learnBaseline() {
        engine.observe(Obs.sql(SQL).build());
        for (int i = 0; i < 30; i++) {
            List<Finding> f = interval(95 + random.nextInt(11), random.nextInt(3), 40, 41);
            assertEquals(List.of(), f, "baseline interval " + i);
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** One delta interval: most calls in bucket {@code p50Bucket}, 2 % in {@code tailBucket}. */
    List<Finding> interval(long count, long errors, int p50Bucket, int tailBucket) {
        clock.advance(Duration.ofSeconds(10));
        long tail = Math.max(1, count / 50);
        return engine.observe(Obs.sql(SQL).delta(count, errors, clock.millis())
                .buckets(p50Bucket, count - tail, tailBucket, tail).build());
    }

    static List<String> detectors(List<Finding> findings) {
        return findings.stream().map(f -> f.detector().wireName()).toList();
    }

    @Test
    @DisplayName("a sustained rate spike raises stats.rate on the third interval")
    void rateSpike() {
        assertEquals(List.of(), interval(1000, 0, 40, 41));
        assertEquals(List.of(), interval(1000, 0, 40, 41));
        List<Finding> f = interval(1000, 0, 40, 41);
        assertEquals(List.of("stats.rate"), detectors(f));
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals("3", f.get(0).evidence().get("sustainedIntervals"));
        double median = Double.parseDouble(f.get(0).evidence().get("baselineMedian").split(" ")[0]);
        assertTrue(median > 9 && median < 11, f.get(0).evidence().toString());
        assertTrue(f.get(0).summary().startsWith("Call rate at com.acme.OrderRepository.find:42 is 100.00 calls/s"),
                f.get(0).summary());
    }

    @Test
    @DisplayName("a latency shift raises stats.latency once per interval")
    void latencyShift() {
        interval(100, 0, 48, 49);
        interval(100, 0, 48, 49);
        List<Finding> f = interval(100, 0, 48, 49);
        assertEquals(List.of("stats.latency"), detectors(f));
        assertTrue(f.get(0).summary().startsWith("Latency p50"), f.get(0).summary());
    }

    @Test
    @DisplayName("an error burst raises stats.error_rate")
    void errorBurst() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.addAll(detectors(interval(100, 45, 40, 41)));
        }
        assertEquals(List.of("stats.error_rate"), all);
    }

    @Test
    @DisplayName("noise within the baseline raises nothing")
    void noiseIsQuiet() {
        for (int i = 0; i < 100; i++) {
            int p50 = random.nextInt(10) == 0 ? 41 : 40; // one bucket of jitter now and then
            assertEquals(List.of(), interval(90 + random.nextInt(25), random.nextInt(4), p50, 41 + random.nextInt(2)),
                    "interval " + i);
        }
    }

    @Test
    @DisplayName("two anomalous intervals are not sustained")
    void notSustained() {
        assertEquals(List.of(), interval(1000, 0, 40, 41));
        assertEquals(List.of(), interval(1000, 0, 40, 41));
        assertEquals(List.of(), interval(100, 0, 40, 41));
        assertEquals(List.of(), interval(1000, 0, 40, 41));
    }

    @Test
    @DisplayName("intervals with too few calls are never judged, and a short baseline is never judged")
    void tooFewSamples() {
        DetectionEngine e = new DetectionEngine(ProfileStore.inMemory(), settings, clock);
        String sql = "SELECT * FROM rare WHERE id = ?";
        e.observe(Obs.sql(sql).build());
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(10));
            e.observe(Obs.sql(sql).delta(1, 0, clock.millis()).buckets(40, 1).build());
        }
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of(), e.observe(Obs.sql(sql).delta(15, 15, clock.millis()).buckets(60, 15).build()),
                    "15 calls < statsMinSamples (20)");
        }
        String fresh = "SELECT * FROM fresh WHERE id = ?";
        e.observe(Obs.sql(fresh).site("com.acme.Fresh.find", 1).build());
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            e.observe(Obs.sql(fresh).site("com.acme.Fresh.find", 1).delta(100, 0, clock.millis())
                    .buckets(40, 100).build());
        }
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of(), e.observe(Obs.sql(fresh).site("com.acme.Fresh.find", 1)
                    .delta(5000, 2500, clock.millis())
                    .buckets(60, 5000).build()), "5 baseline intervals < statsMinBaselineIntervals (10)");
        }
        e.close();
    }

    @Test
    @DisplayName("approving a statistics finding makes the new level the baseline")
    void approveRelearns() {
        interval(1000, 0, 40, 41);
        interval(1000, 0, 40, 41);
        List<Finding> f = interval(1000, 0, 40, 41);
        assertEquals(1, f.size());
        engine.approve(f.get(0));
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of(), interval(1000, 0, 40, 41), "interval " + i);
        }
    }
}
