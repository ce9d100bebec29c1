package dev.sinkwatch.collector.profile;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * The learnt statistics baseline of one key (operation, target) of a profile: the recent normal intervals of each
 * metric, cumulative counts, and the cumulative latency distribution. (The agent's {@code KeyStats} is something
 * else: one key's counters for the current export interval.)
 *
 * <p>Baseline: a ring of the last {@code capacity} intervals that were <em>not</em> anomalous for each metric (an
 * anomalous interval is kept out so that an incident does not teach itself as normal; approving a statistics
 * finding clears that metric's ring so it re-learns the new level).
 *
 * <p>Memory: {@code 4 metrics × capacity × 4 B} for the rings (960 B at the default 60) plus the HdrHistogram
 * (1 significant digit, auto-resizing: about 0.8 KB empty, 3.2 KB up to 10 ms, 4 KB up to 1 s, 5.5 KB up to
 * 1 h) plus ~100 B of fields: see {@link #estimatedFootprintBytes()}.
 *
 * <p>Error bound of latency percentiles: the agent's bucket midpoint is within 25 % of the true duration and
 * HdrHistogram adds at most 1/16 (6.25 %) — so a reported percentile is within about 33 % of the true one.
 * That is why the latency score has a relative floor: only shifts of about two agent buckets (≈ 2×) can alert.
 *
 * <p>Concurrency: guarded by the owning {@link Profile}'s monitor.
 */
public final class KeyBaseline {

    /** The metrics scored per interval. */
    public enum Metric {
        RATE, ERROR_RATE, P50, P99
    }

    final Ring[] rings = new Ring[Metric.values().length];
    final int[] streaks = new int[Metric.values().length];
    long totalCount;
    long totalErrors;
    long intervals;
    final Histogram latency;

    KeyBaseline(int capacity) {
        for (int i = 0; i < rings.length; i++) {
            rings[i] = new Ring(capacity);
        }
        latency = LatencyHistograms.newHistogram();
    }

    KeyBaseline(int capacity, Histogram latency) {
        for (int i = 0; i < rings.length; i++) {
            rings[i] = new Ring(capacity);
        }
        this.latency = latency;
    }

    /** The metric's baseline values, oldest first (a copy). */
    public double[] baseline(Metric metric) {
        return rings[metric.ordinal()].values();
    }

    /** Consecutive anomalous intervals so far for the metric. */
    public int streak(Metric metric) {
        return streaks[metric.ordinal()];
    }

    public long totalCount() {
        return totalCount;
    }

    public long totalErrors() {
        return totalErrors;
    }

    /** Intervals seen (anomalous ones included). */
    public long intervals() {
        return intervals;
    }

    /** Cumulative latency percentile in ns, 0 when nothing was recorded. */
    public long latencyPercentileNanos(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
    }

    /**
     * Adds one interval's value for a metric: an anomalous value extends the metric's streak and stays out of the
     * baseline; a normal one resets the streak and joins the baseline. {@code Double.NaN} (not measurable in this
     * interval, e.g. too few calls) changes nothing.
     *
     * @return the streak after this interval
     */
    public int accept(Metric metric, double value, boolean anomalous) {
        if (Double.isNaN(value)) {
            return streaks[metric.ordinal()];
        }
        if (anomalous) {
            return ++streaks[metric.ordinal()];
        }
        streaks[metric.ordinal()] = 0;
        rings[metric.ordinal()].add((float) value);
        return 0;
    }

    /** Forget a metric's baseline and streak (an approved statistics finding: the new level is normal). */
    public void reset(Metric metric) {
        rings[metric.ordinal()].clear();
        streaks[metric.ordinal()] = 0;
    }

    void countInterval(long count, long errors) {
        totalCount += count;
        totalErrors += errors;
        intervals++;
    }

    public long estimatedFootprintBytes() {
        long rings = 0;
        for (Ring r : this.rings) {
            rings += 16 + 16 + 4L * r.data.length;
        }
        return 96 + rings + latency.getEstimatedFootprintInBytes();
    }

    /** A fixed-capacity ring of floats, oldest overwritten first. */
    static final class Ring {
        final float[] data;
        int size;
        int next;

        Ring(int capacity) {
            data = new float[capacity];
        }

        void add(float v) {
            data[next] = v;
            next = (next + 1) % data.length;
            if (size < data.length) {
                size++;
            }
        }

        void clear() {
            size = 0;
            next = 0;
        }

        /** Oldest first. */
        double[] values() {
            double[] out = new double[size];
            int start = (next - size + data.length) % data.length;
            for (int i = 0; i < size; i++) {
                out[i] = data[(start + i) % data.length];
            }
            return out;
        }

        void load(double[] values) {
            clear();
            int from = Math.max(0, values.length - data.length);
            for (int i = from; i < values.length; i++) {
                add((float) values[i]);
            }
        }

        @Override
        public String toString() {
            return Arrays.toString(values());
        }
    }
}
