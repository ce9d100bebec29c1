package dev.sinkwatch.collector.profile;

import dev.sinkwatch.contract.LatencyBucketEncoding;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramsTest {

    @Test
    @DisplayName("records sparse pairs into HdrHistogram; skips malformed pairs; percentiles within the stated bound")
    void records() {
        Histogram h = LatencyHistograms.newHistogram();
        long n = LatencyHistograms.record(new long[] {40, 99, 46, 1, -1, 5, 41, -3, 7}, h);
        assertEquals(100, n);
        double p50 = h.getValueAtPercentile(50);
        double mid = LatencyBucketEncoding.midpointNanos(40);
        assertTrue(Math.abs(p50 - mid) / mid < 0.0625, "p50 " + p50);
        assertTrue(h.getMaxValue() >= LatencyBucketEncoding.lowerBoundNanos(46));
    }

    @Test
    @DisplayName("an index past the agent's last bucket (an older agent sent up to 125) is recorded in the last one")
    void clampsToTheLastBucket() {
        Histogram h = LatencyHistograms.newHistogram();
        assertEquals(2, LatencyHistograms.record(new long[] {125, 1, LatencyBucketEncoding.LAST, 1}, h));
        assertEquals(2, h.getCountAtValue(LatencyBucketEncoding.midpointNanos(LatencyBucketEncoding.LAST)));
    }
}
