package dev.sinkwatch.collector.profile;

import dev.sinkwatch.contract.LatencyBucketEncoding;
import org.HdrHistogram.Histogram;

/**
 * The agent's sparse latency buckets ({@code sinkwatch.duration.buckets}, pairs {@code index, count} in the
 * {@link LatencyBucketEncoding}) into HdrHistogram. Each bucket is recorded at its midpoint, so a recorded value is
 * within 25 % of every duration the bucket holds (20 % below, 14.3 % above the midpoint for odd buckets); an index
 * past the last bucket is clamped to it.
 */
public final class LatencyHistograms {

    private LatencyHistograms() {
    }

    /**
     * Records the pairs into {@code histogram} (which must auto-resize or cover the range); malformed input (odd
     * length, negative counts) is skipped pair by pair, never thrown.
     *
     * @return calls recorded
     */
    public static long record(long[] pairs, Histogram histogram) {
        long total = 0;
        for (int p = 0; p + 1 < pairs.length; p += 2) {
            long index = pairs[p];
            long count = pairs[p + 1];
            if (index < 0 || count <= 0) {
                continue;
            }
            histogram.recordValueWithCount(LatencyBucketEncoding.midpointNanos(LatencyBucketEncoding.clamp(index)),
                    count);
            total += count;
        }
        return total;
    }

    /** A histogram as profiles use it: 1 significant digit (≤ 6.25 % bucket width), auto-resizing. */
    public static Histogram newHistogram() {
        Histogram h = new Histogram(1);
        h.setAutoResize(true);
        return h;
    }
}
