package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.profile.KeyBaseline;

import java.util.Locale;

/**
 * {@code stats.error_rate}: the share of calls that threw in one interval. Measured only for intervals with at
 * least {@code statsMinSamples} calls (a 1-of-2 error ratio says nothing). Scale floor:
 * {@code max(10 % of the median, 0.02)} by default, so from a clean baseline an interval needs more than 10 %
 * errors (5 × 0.02) to count.
 *
 * <p>Example: baseline 0–1 % errors; three intervals in a row at 40 % → WARNING.
 */
final class ErrorRateDetector extends StatsDetector {

    @Override
    Detector detector() {
        return Detector.STATS_ERROR_RATE;
    }

    @Override
    KeyBaseline.Metric metric() {
        return KeyBaseline.Metric.ERROR_RATE;
    }

    @Override
    double measure(Observation o, IntervalLatency latency, DetectionSettings s) {
        if (o.count() < s.statsMinSamples() || o.count() <= 0) {
            return Double.NaN;
        }
        return Math.min(1.0, Math.max(0, o.errors()) / (double) o.count());
    }

    @Override
    double absoluteFloor(DetectionSettings s) {
        return s.statsErrorRateFloor();
    }

    @Override
    String format(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value * 100);
    }

    @Override
    String label() {
        return "Error rate";
    }
}
