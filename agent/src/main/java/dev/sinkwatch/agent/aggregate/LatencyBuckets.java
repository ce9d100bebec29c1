package dev.sinkwatch.agent.aggregate;

/**
 * Two buckets per power of two of nanoseconds: bucket {@code 2k} starts at {@code 2^k}, bucket {@code 2k+1} at
 * {@code 1.5 * 2^k}. A duration's bucket lower bound is within 33 % of it; 72 buckets reach 2^36 ns (about 69 s),
 * longer durations land in the last one. This is the encoding of {@code sinkwatch.duration.buckets}.
 */
public final class LatencyBuckets {
    public static final int COUNT = 72;

    private LatencyBuckets() {
    }

    public static int index(long nanos) {
        if (nanos <= 1) {
            return 0;
        }
        int k = 63 - Long.numberOfLeadingZeros(nanos);
        int index = 2 * k + (int) ((nanos >>> (k - 1)) & 1);
        return Math.min(index, COUNT - 1);
    }

    /** Lower bound in nanoseconds of a bucket. */
    public static long lowerBound(int index) {
        int k = index / 2;
        long base = 1L << k;
        return (index & 1) == 0 ? base : base + (base >>> 1);
    }
}
