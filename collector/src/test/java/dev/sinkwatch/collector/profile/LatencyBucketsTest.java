package dev.sinkwatch.collector.profile;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyBucketsTest {

    @Test
    @DisplayName("bucket bounds follow the agent contract: 2^k for even i, 1.5 * 2^k for odd i")
    void bounds() {
        assertEquals(1, LatencyBuckets.lowerBoundNanos(0));
        assertEquals(1024, LatencyBuckets.lowerBoundNanos(20));
        assertEquals(1536, LatencyBuckets.lowerBoundNanos(21));
        assertEquals(2048, LatencyBuckets.lowerBoundNanos(22));
        assertEquals(1280, LatencyBuckets.midpointNanos(20));
        assertEquals(1792, LatencyBuckets.midpointNanos(21));
    }

    @Test
    @DisplayName("every midpoint lies inside its bucket, within 25 % of any duration the bucket holds")
    void midpointsInside() {
        for (int i = 4; i < 120; i++) {
            long lo = LatencyBuckets.lowerBoundNanos(i);
            long hi = LatencyBuckets.lowerBoundNanos(i + 1);
            long mid = LatencyBuckets.midpointNanos(i);
            assertTrue(lo <= mid && mid < hi, "bucket " + i);
            assertTrue((mid - lo) / (double) lo <= 0.25 + 1e-9, "bucket " + i);
        }
    }

    @Test
    @DisplayName("records sparse pairs into HdrHistogram; skips malformed pairs; percentiles within the stated bound")
    void records() {
        Histogram h = LatencyBuckets.newHistogram();
        long n = LatencyBuckets.record(new long[] {40, 99, 46, 1, -1, 5, 41, -3, 7}, h);
        assertEquals(100, n);
        double p50 = h.getValueAtPercentile(50);
        double mid = LatencyBuckets.midpointNanos(40);
        assertTrue(Math.abs(p50 - mid) / mid < 0.0625, "p50 " + p50);
        assertTrue(h.getMaxValue() >= LatencyBuckets.lowerBoundNanos(46));
    }
}
