package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.profile.KeyBaseline;

import java.util.Locale;

/**
 * {@code stats.latency}: the interval's p50 or p99 latency (from the agent's buckets recorded into HdrHistogram at
 * bucket midpoints), against the key's baseline of per-interval percentiles. One instance per percentile; both
 * report as {@code stats.latency} (one alert per key). Measured only with at least {@code statsMinSamples} calls
 * in the interval's histogram. Scale floor: {@code max(10 % of the median, 100 µs)} by default; given the ≈ 33 %
 * resolution of the agent's buckets, a shift of about two buckets (≈ 2×) is needed to alert.
 *
 * <p>Example: p99 baseline ≈ 2 ms; three intervals in a row at p99 ≈ 40 ms → WARNING.
 */
final class LatencyDetector extends StatsDetector {

    private final KeyBaseline.Metric metric;

    LatencyDetector(KeyBaseline.Metric metric) {
        if (metric != KeyBaseline.Metric.P50 && metric != KeyBaseline.Metric.P99) {
            throw new IllegalArgumentException("latency metric must be P50 or P99, not " + metric);
        }
        this.metric = metric;
    }

    @Override
    Detector detector() {
        return Detector.STATS_LATENCY;
    }

    @Override
    KeyBaseline.Metric metric() {
        return metric;
    }

    @Override
    double measure(Observation o, IntervalLatency latency, DetectionSettings s) {
        if (latency.samples() < s.statsMinSamples()) {
            return Double.NaN;
        }
        return metric == KeyBaseline.Metric.P50 ? latency.p50Nanos() : latency.p99Nanos();
    }

    @Override
    boolean enoughSamples(Observation o, DetectionSettings s) {
        return true; // measure() already required the samples
    }

    @Override
    double absoluteFloor(DetectionSettings s) {
        return s.statsLatencyFloorNanos();
    }

    @Override
    String format(double nanos) {
        if (Double.isNaN(nanos)) {
            return "n/a";
        }
        if (nanos >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    @Override
    String label() {
        return metric == KeyBaseline.Metric.P50 ? "Latency p50" : "Latency p99";
    }
}
