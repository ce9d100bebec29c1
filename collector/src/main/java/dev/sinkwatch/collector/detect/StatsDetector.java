package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.profile.KeyBaseline;

import java.util.Locale;

/**
 * A statistics detector scores one metric of one key's delta interval against that key's baseline intervals.
 * Pure: the engine owns the baseline ring and the streak ({@link KeyBaseline}) and asks {@link #judge} and
 * {@link #finding}.
 *
 * <p>Rules shared by all: an interval is scored only when the baseline holds at least
 * {@code statsMinBaselineIntervals} intervals and the interval itself had at least {@code statsMinSamples} calls;
 * it is anomalous when its robust z exceeds {@code statsThreshold} (one-sided: only increases matter — a drop in
 * calls produces no deltas at all, and faster or fewer errors is good news); a finding needs
 * {@code statsSustainedIntervals} anomalous intervals in a row. Anomalous intervals stay out of the baseline.
 */
abstract class StatsDetector {

    /** How one interval compares with the baseline. {@code score} is NaN when it was not scored. */
    record Verdict(double value, double median, double scale, double score, boolean anomalous) {
    }

    /** The measured per-interval latency percentiles (ns) of one observation, and how many calls they cover. */
    record IntervalLatency(long samples, double p50Nanos, double p99Nanos) {
        static final IntervalLatency NONE = new IntervalLatency(0, Double.NaN, Double.NaN);
    }

    abstract Detector detector();

    abstract KeyBaseline.Metric metric();

    /** The metric's value for this interval, NaN when it cannot be measured (then it neither scores nor learns). */
    abstract double measure(Observation o, IntervalLatency latency, DetectionSettings s);

    abstract double absoluteFloor(DetectionSettings s);

    abstract String format(double value);

    abstract String label();

    /** Whether this interval had enough calls to be judged (a measured but unjudged interval still joins the baseline). */
    boolean enoughSamples(Observation o, DetectionSettings s) {
        return o.count() >= s.statsMinSamples();
    }

    final Verdict judge(double[] baseline, double value, boolean enoughSamples, DetectionSettings s) {
        if (Double.isNaN(value) || !enoughSamples || baseline.length < s.statsMinBaselineIntervals()) {
            return new Verdict(value, Double.NaN, Double.NaN, Double.NaN, false);
        }
        RobustScore.Score score = RobustScore.score(baseline, value, s.statsMadFloorFraction(), absoluteFloor(s));
        return new Verdict(value, score.median(), score.scale(), score.score(), score.score() > s.statsThreshold());
    }

    final Finding finding(Observation o, Verdict v, int streak, long nowMillis, DetectionSettings s) {
        String summary = label() + " at " + o.callSite().id() + " is " + format(v.value()) + ", baseline median "
                + format(v.median()) + " (robust z " + String.format(Locale.ROOT, "%.1f", v.score()) + ", "
                + streak + " intervals in a row): " + Findings.shorten(o.operation() + " " + o.target());
        return Findings.of(detector(), Severity.WARNING, summary, o, nowMillis, Findings.evidence(
                "metric", metric().name().toLowerCase(Locale.ROOT),
                "observedValue", format(v.value()),
                "baselineMedian", format(v.median()),
                "baselineScale", format(v.scale()),
                "score", String.format(Locale.ROOT, "%.2f", v.score()),
                "threshold", String.format(Locale.ROOT, "%.2f", s.statsThreshold()),
                "sustainedIntervals", String.valueOf(streak),
                "intervalCalls", String.valueOf(o.count())));
    }

    static double intervalSeconds(Observation o) {
        long millis = o.endUnixMillis() - o.startUnixMillis();
        return millis > 0 ? millis / 1000.0 : 10.0;
    }
}
