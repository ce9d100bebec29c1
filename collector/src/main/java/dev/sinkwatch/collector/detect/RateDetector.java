package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.profile.KeyBaseline;

import java.util.Locale;

/**
 * {@code stats.rate}: calls per second of a key in one interval, against the key's baseline intervals. Every
 * interval is measured (quiet ones teach the baseline too); an interval is judged only with at least
 * {@code statsMinSamples} calls. Scale floor: {@code max(10 % of the median, 0.5 calls/s)} by default.
 *
 * <p>Example: baseline ≈ 10 calls/s; three intervals in a row at 80 calls/s → WARNING (z ≈ 70).
 */
final class RateDetector extends StatsDetector {

    @Override
    Detector detector() {
        return Detector.STATS_RATE;
    }

    @Override
    KeyBaseline.Metric metric() {
        return KeyBaseline.Metric.RATE;
    }

    @Override
    double measure(Observation o, IntervalLatency latency, DetectionSettings s) {
        return o.count() / intervalSeconds(o);
    }

    @Override
    double absoluteFloor(DetectionSettings s) {
        return s.statsRateFloorPerSecond();
    }

    @Override
    String format(double value) {
        return String.format(Locale.ROOT, "%.2f calls/s", value);
    }

    @Override
    String label() {
        return "Call rate";
    }
}
