package dev.sinkwatch.contract;

/**
 * The latency buckets of {@link SinkAttributes#DURATION_BUCKETS}: two per power of two of nanoseconds. Bucket
 * {@code 2k} holds {@code [2^k, 1.5 * 2^k)} ns, bucket {@code 2k + 1} holds {@code [1.5 * 2^k, 2^(k+1))}; 0 and 1 ns
 * are bucket 0. A duration's bucket lower bound is within 33 % of it, its midpoint within 25 %.
 *
 * <p>{@link #COUNT} buckets reach {@code 2^36} ns (about 69 s); longer durations land in the last one, on both sides:
 * the agent never sends a higher index and the collector clamps one it receives.
 *
 * <p>Pure arithmetic on primitives: the agent calls {@link #index(long)} on every sink call, so nothing here allocates.
 */
public final class LatencyBucketEncoding {
    /** Buckets 0 .. {@code COUNT - 1}. */
    public static final int COUNT = 72;
    public static final int LAST = COUNT - 1;

    private LatencyBucketEncoding() {
    }

    /** The bucket of a duration; negative durations are bucket 0. */
    public static int index(long nanos) {
        if (nanos <= 1) {
            return 0;
        }
        int k = 63 - Long.numberOfLeadingZeros(nanos);
        int index = 2 * k + (int) ((nanos >>> (k - 1)) & 1);
        return Math.min(index, LAST);
    }

    /** An index as received, clamped to {@code 0 .. LAST}. */
    public static int clamp(long index) {
        return (int) Math.max(0, Math.min(index, LAST));
    }

    /** The lower bound of bucket {@code index} (clamped), in ns. */
    public static long lowerBoundNanos(int index) {
        int i = clamp(index);
        long power = 1L << (i / 2);
        return (i & 1) == 0 ? power : power + (power >> 1);
    }

    /**
     * The midpoint of bucket {@code index} (clamped), in ns: {@code 1.25 * 2^k} resp. {@code 1.75 * 2^k}, so it is
     * within 25 % of every duration the bucket holds. Bucket 0 (also 0 and 1 ns) is 1, bucket 1 (empty) is 2.
     */
    public static long midpointNanos(int index) {
        int i = clamp(index);
        if (i <= 1) {
            return i == 0 ? 1 : 2;
        }
        long power = 1L << (i / 2);
        return (i & 1) == 0 ? power + (power >> 2) : power + (power >> 1) + (power >> 2);
    }
}
