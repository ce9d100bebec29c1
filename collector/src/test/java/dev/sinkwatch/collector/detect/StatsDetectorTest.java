package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.profile.KeyBaseline;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsDetectorTest {

    private final DetectionSettings s = DetectionSettings.defaults();

    private static double[] flat(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    @DisplayName("median and MAD ignore a single outlier")
    void robust() {
        double[] v = {10, 11, 9, 10, 12, 10, 1000};
        assertEquals(10, RobustScore.median(v));
        assertEquals(1, RobustScore.mad(v, 10));
    }

    @Test
    @DisplayName("a flat baseline is floored: +5 % is noise, ×8 is a spike")
    void floorOnFlatBaseline() {
        RateDetector rate = new RateDetector();
        Observation small = Obs.sql("q").delta(105, 0, 10_000).build();
        Observation spike = Obs.sql("q").delta(800, 0, 10_000).build();
        double[] base = flat(30, 10.0);
        assertFalse(rate.judge(base, rate.measure(small, StatsDetector.IntervalLatency.NONE, s), true, s).anomalous());
        assertTrue(rate.judge(base, rate.measure(spike, StatsDetector.IntervalLatency.NONE, s), true, s).anomalous());
    }

    @Test
    @DisplayName("too short a baseline or too few calls is never anomalous")
    void minimumSamples() {
        RateDetector rate = new RateDetector();
        assertFalse(rate.judge(flat(5, 1.0), 100, true, s).anomalous(), "baseline too short");
        assertFalse(rate.judge(flat(30, 1.0), 100, false, s).anomalous(), "interval too small");
        ErrorRateDetector err = new ErrorRateDetector();
        assertTrue(Double.isNaN(err.measure(Obs.sql("q").delta(5, 5, 10_000).build(),
                StatsDetector.IntervalLatency.NONE, s)));
    }

    @Test
    @DisplayName("error and latency detectors score their own metric")
    void errorAndLatency() {
        ErrorRateDetector err = new ErrorRateDetector();
        double burst = err.measure(Obs.sql("q").delta(100, 40, 10_000).build(), StatsDetector.IntervalLatency.NONE, s);
        assertEquals(0.4, burst, 1e-9);
        assertTrue(err.judge(flat(30, 0.0), burst, true, s).anomalous());
        assertFalse(err.judge(flat(30, 0.0), 0.05, true, s).anomalous());

        LatencyDetector p99 = new LatencyDetector(KeyBaseline.Metric.P99);
        double slow = p99.measure(Obs.sql("q").delta(100, 0, 10_000).build(),
                new StatsDetector.IntervalLatency(100, 1_000_000, 40_000_000), s);
        assertTrue(p99.judge(flat(30, 2_000_000), slow, true, s).anomalous());
        assertFalse(p99.judge(flat(30, 2_000_000), 2_800_000, true, s).anomalous(), "one bucket up is noise");
    }
}
