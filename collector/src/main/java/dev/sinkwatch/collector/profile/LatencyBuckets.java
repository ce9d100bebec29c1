package dev.sinkwatch.collector.profile;

import org.HdrHistogram.Histogram;

/**
 * The agent's sparse latency buckets ({@code sinkwatch.duration.buckets}, pairs {@code index, count}) into
 * HdrHistogram.
 *
 * <p>Bucket {@code i} holds {@code [2^k, 1.5 * 2^k)} ns for {@code i = 2k} and {@code [1.5 * 2^k, 2^(k+1))} ns for
 * {@code i = 2k + 1}; each is recorded at its midpoint ({@code 1.25 * 2^k} resp. {@code 1.75 * 2^k}), so a recorded
 * value is within 25 % of every duration the bucket holds (20 % below, 14.3 % above the midpoint for odd buckets).
 */
public final class LatencyBuckets {

    /** Index 126 starts at 2^63, past {@code Long.MAX_VALUE}; anything beyond is clamped. */
    static final int MAX_INDEX = 125;

    private LatencyBuckets() {
    }

    /** The lower bound of bucket {@code index}, in ns. */
    public static long lowerBoundNanos(int index) {
        int i = Math.max(0, Math.min(index, MAX_INDEX));
        int k = i / 2;
        long power = 1L << k;
        return (i & 1) == 0 ? power : power + (power >> 1);
    }

    /** The midpoint of bucket {@code index}, in ns (bucket 0, which also holds 0 and 1 ns, is recorded as 1). */
    public static long midpointNanos(int index) {
        int i = Math.max(0, Math.min(index, MAX_INDEX));
        if (i <= 1) {
            return i == 0 ? 1 : 2;
        }
        int k = i / 2;
        long power = 1L << k;
        return (i & 1) == 0 ? power + (power >> 2) : power + (power >> 1) + (power >> 2);
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
            histogram.recordValueWithCount(midpointNanos((int) Math.min(index, MAX_INDEX)), count);
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
