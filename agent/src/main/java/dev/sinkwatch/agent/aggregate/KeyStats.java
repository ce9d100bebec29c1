package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.contract.LatencyBucketEncoding;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Everything known about one key: its identity and first sighting (immutable after construction) and the
 * counters of the current export interval.
 *
 * <p>Concurrency: application threads add to the counters with atomic operations; the export thread takes them
 * with {@link #drain(long[])}, which resets each cell atomically. A call racing with a drain lands wholly in one
 * interval per cell (its count may be in one interval and its latency in the next: totals stay exact).
 *
 * <p>Memory: about 700 bytes per key (the 76-cell counter array dominates).
 */
public final class KeyStats {
    private static final int COUNT = 0;
    private static final int ERRORS = 1;
    private static final int SUM = 2;
    private static final int MAX = 3;
    private static final int BUCKETS = 4;
    /** Cells in a {@link #drain(long[])} snapshot. */
    public static final int CELLS = BUCKETS + LatencyBucketEncoding.COUNT;

    final long packedKey;
    private final String keyId;
    private final int operation;
    private final Target target;
    private final int callSiteId;
    private final boolean appOrigin;
    private final List<String> frames;
    private final Map<String, Object> attributes;
    private final FirstCall firstCall;
    private final AtomicLongArray cells = new AtomicLongArray(CELLS);

    /** The first call of a key, as exported on its {@code sinkwatch.sink.new} record. */
    public static final class FirstCall {
        public final long unixMillis;
        public final long durationNanos;
        public final String errorType;
        public final String threadName;
        public final String rawTarget;

        public FirstCall(long unixMillis, long durationNanos, String errorType, String threadName, String rawTarget) {
            this.unixMillis = unixMillis;
            this.durationNanos = durationNanos;
            this.errorType = errorType;
            this.threadName = threadName;
            this.rawTarget = rawTarget;
        }
    }

    KeyStats(long packedKey, String keyId, int operation, Target target, int callSiteId, boolean appOrigin,
             List<String> frames, Map<String, Object> attributes, FirstCall firstCall) {
        this.packedKey = packedKey;
        this.keyId = keyId;
        this.operation = operation;
        this.target = target;
        this.callSiteId = callSiteId;
        this.appOrigin = appOrigin;
        this.frames = Collections.unmodifiableList(frames);
        this.attributes = Collections.unmodifiableMap(attributes);
        this.firstCall = firstCall;
    }

    /** Hot path: allocation-free. */
    public void record(long durationNanos, boolean error) {
        cells.getAndIncrement(COUNT);
        if (error) {
            cells.getAndIncrement(ERRORS);
        }
        cells.getAndAdd(SUM, durationNanos);
        long max = cells.get(MAX);
        while (durationNanos > max && !cells.compareAndSet(MAX, max, durationNanos)) {
            max = cells.get(MAX);
        }
        cells.getAndIncrement(BUCKETS + LatencyBucketEncoding.index(durationNanos));
    }

    /**
     * Moves the interval's counters into {@code into} (length {@link #CELLS}) and resets them.
     *
     * @return the number of calls drained; 0 means the key was idle
     */
    public long drain(long[] into) {
        if (cells.get(COUNT) == 0) {
            return 0;
        }
        for (int i = 0; i < CELLS; i++) {
            into[i] = cells.getAndSet(i, 0);
        }
        return into[COUNT];
    }

    public static long count(long[] drained) {
        return drained[COUNT];
    }

    public static long errors(long[] drained) {
        return drained[ERRORS];
    }

    public static long sumNanos(long[] drained) {
        return drained[SUM];
    }

    public static long maxNanos(long[] drained) {
        return drained[MAX];
    }

    public static long bucket(long[] drained, int index) {
        return drained[BUCKETS + index];
    }

    public String keyId() {
        return keyId;
    }

    public int operation() {
        return operation;
    }

    public Target target() {
        return target;
    }

    public int callSiteId() {
        return callSiteId;
    }

    public boolean appOrigin() {
        return appOrigin;
    }

    public List<String> frames() {
        return frames;
    }

    /** Kind-specific semantic-convention attributes (db.system.name, server.address, ...). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    public FirstCall firstCall() {
        return firstCall;
    }
}
