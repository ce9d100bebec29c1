package dev.sinkwatch.agent.aggregate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyBucketsTest {

    @Test
    void bucketsStartAtPowersOfTwoAndOneAndAHalfTimesThem() {
        assertEquals(0, LatencyBuckets.index(0));
        assertEquals(0, LatencyBuckets.index(1));
        assertEquals(2, LatencyBuckets.index(2));
        assertEquals(3, LatencyBuckets.index(3));
        assertEquals(4, LatencyBuckets.index(4));
        assertEquals(4, LatencyBuckets.index(5));
        assertEquals(5, LatencyBuckets.index(6));
        assertEquals(5, LatencyBuckets.index(7));
        assertEquals(20, LatencyBuckets.index(1024));
        assertEquals(21, LatencyBuckets.index(1536));
        assertEquals(LatencyBuckets.COUNT - 1, LatencyBuckets.index(Long.MAX_VALUE));
    }

    /** The documented bound: a duration's bucket starts at most 33 % below it. */
    @Test
    void everyDurationIsWithinAThirdOfItsBucketsLowerBound() {
        for (long d = 2; d < 1L << 35; d = d * 3 / 2 + 1) {
            long lower = LatencyBuckets.lowerBound(LatencyBuckets.index(d));
            assertTrue(lower <= d && d < lower * 3 / 2 + 2, d + " in bucket starting at " + lower);
        }
    }
}
