package dev.sinkwatch.contract;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyBucketEncodingTest {

    @Test
    @DisplayName("buckets start at powers of two and one and a half times them; 0 and 1 ns are bucket 0")
    void indexes() {
        assertEquals(0, LatencyBucketEncoding.index(-5));
        assertEquals(0, LatencyBucketEncoding.index(0));
        assertEquals(0, LatencyBucketEncoding.index(1));
        assertEquals(2, LatencyBucketEncoding.index(2));
        assertEquals(3, LatencyBucketEncoding.index(3));
        assertEquals(4, LatencyBucketEncoding.index(4));
        assertEquals(4, LatencyBucketEncoding.index(5));
        assertEquals(5, LatencyBucketEncoding.index(6));
        assertEquals(5, LatencyBucketEncoding.index(7));
        assertEquals(20, LatencyBucketEncoding.index(1024));
        assertEquals(21, LatencyBucketEncoding.index(1536));
    }

    @Test
    @DisplayName("durations past 2^36 ns land in the last bucket, and a received index past it is clamped to it")
    void oneLastBucketOnBothSides() {
        assertEquals(LatencyBucketEncoding.LAST, LatencyBucketEncoding.index(Long.MAX_VALUE));
        assertEquals(LatencyBucketEncoding.LAST, LatencyBucketEncoding.index(1L << 36));
        assertEquals(LatencyBucketEncoding.LAST - 1, LatencyBucketEncoding.index(1L << 35));
        assertEquals(LatencyBucketEncoding.LAST, LatencyBucketEncoding.clamp(124));
        assertEquals(0, LatencyBucketEncoding.clamp(-1));
        assertEquals(LatencyBucketEncoding.midpointNanos(LatencyBucketEncoding.LAST),
                LatencyBucketEncoding.midpointNanos(125));
    }

    @Test
    @DisplayName("bounds: 2^k for even i, 1.5 * 2^k for odd i; midpoints 1.25 and 1.75 * 2^k")
    void bounds() {
        assertEquals(1, LatencyBucketEncoding.lowerBoundNanos(0));
        assertEquals(1024, LatencyBucketEncoding.lowerBoundNanos(20));
        assertEquals(1536, LatencyBucketEncoding.lowerBoundNanos(21));
        assertEquals(2048, LatencyBucketEncoding.lowerBoundNanos(22));
        assertEquals(1280, LatencyBucketEncoding.midpointNanos(20));
        assertEquals(1792, LatencyBucketEncoding.midpointNanos(21));
    }

    @Test
    @DisplayName("a duration's bucket starts at most 33 % below it")
    void lowerBoundWithinAThird() {
        for (long d = 2; d < 1L << 35; d = d * 3 / 2 + 1) {
            long lower = LatencyBucketEncoding.lowerBoundNanos(LatencyBucketEncoding.index(d));
            assertTrue(lower <= d && d < lower * 3 / 2 + 2, d + " in bucket starting at " + lower);
        }
    }

    @Test
    @DisplayName("every midpoint lies inside its bucket, within 25 % of any duration the bucket holds")
    void midpointsInside() {
        for (int i = 4; i < LatencyBucketEncoding.LAST; i++) {
            long lo = LatencyBucketEncoding.lowerBoundNanos(i);
            long hi = LatencyBucketEncoding.lowerBoundNanos(i + 1);
            long mid = LatencyBucketEncoding.midpointNanos(i);
            assertTrue(lo <= mid && mid < hi, "bucket " + i);
            assertTrue((mid - lo) / (double) lo <= 0.25 + 1e-9, "bucket " + i);
        }
    }
}
