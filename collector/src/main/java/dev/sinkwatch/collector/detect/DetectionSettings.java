package dev.sinkwatch.collector.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * Every knob of profiles and detectors, with its default in {@link #defaults()} and in the table of
 * {@code docs/detectors.md}. Build variations with {@link #builder()} (starts from the defaults).
 *
 * @param quietPeriod              a LEARNING profile becomes STABLE once nothing new was seen for this long
 *                                 (default 10 min); also the length of one "learning window"
 * @param unstableAfterNewTargets  a profile that learns more than this many new targets after its first
 *                                 {@code unstableAfterWindows} learning windows becomes UNSTABLE (default 20)
 * @param unstableAfterWindows     see above (default 3, i.e. 30 min with the default quiet period)
 * @param maxTargetsPerProfile     bound on distinct (operation, target) pairs kept per profile; further new
 *                                 targets are judged as usual but not kept (default 1000)
 * @param versionGraceWindow       after a new service version inherits a profile, novelty is reported at INFO and
 *                                 the new targets join the baseline; statistics findings are suppressed (default 1 h)
 * @param statsMinSamples          an interval needs at least this many calls to be scored (default 20)
 * @param statsMinBaselineIntervals a key needs at least this many baseline intervals before it is scored (default 10)
 * @param statsBaselineIntervals   how many recent normal intervals a key keeps as its baseline (default 60,
 *                                 10 min of 10 s agent intervals)
 * @param statsSustainedIntervals  consecutive anomalous intervals needed for a finding (default 3)
 * @param statsThreshold           robust z-score ({@code (x - median) / max(1.4826 * MAD, floor)}) above which an
 *                                 interval is anomalous (default 5.0)
 * @param statsMadFloorFraction    floor of the scale as a fraction of the median, so a flat baseline does not alert
 *                                 on noise (default 0.1)
 * @param statsRateFloorPerSecond  absolute floor of the scale for call rates, calls/s (default 0.5)
 * @param statsErrorRateFloor      absolute floor of the scale for error ratios (default 0.02)
 * @param statsLatencyFloorNanos   absolute floor of the scale for latency percentiles, ns (default 100 µs)
 * @param maxStatsKeysPerProfile   bound on keys per profile that keep statistics (default 16); further keys are
 *                                 watched for novelty and day-0 rules only
 * @param flushInterval            write-behind period for baseline changes (targets, state, approvals): the most a
 *                                 kill -9 can lose (default 1 s); {@link Duration#ZERO} = no background thread, only
 *                                 explicit {@code flush()} (tests)
 * @param statsFlushInterval       statistics-only changes are written at most this often (default 60 s)
 * @param unstableMinInstances     late targets make a profile UNSTABLE only once they came from at least this many
 *                                 agent instances (default 3): one sender's burst cannot switch novelty off
 * @param unstableMinWindows       ... and in at least this many different learning windows (default 2)
 * @param maxProfilesPerService    bound on profiles (call site × kind × version) kept per service (default 10000);
 *                                 observations of further ones are counted and not judged
 * @param maxVersionsPerService    service versions whose profiles are kept per service (default 5); a further
 *                                 version drops the profiles of the one seen least recently
 */
public record DetectionSettings(
        Duration quietPeriod,
        int unstableAfterNewTargets,
        int unstableAfterWindows,
        int maxTargetsPerProfile,
        Duration versionGraceWindow,
        int statsMinSamples,
        int statsMinBaselineIntervals,
        int statsBaselineIntervals,
        int statsSustainedIntervals,
        double statsThreshold,
        double statsMadFloorFraction,
        double statsRateFloorPerSecond,
        double statsErrorRateFloor,
        long statsLatencyFloorNanos,
        int maxStatsKeysPerProfile,
        Duration flushInterval,
        Duration statsFlushInterval,
        int unstableMinInstances,
        int unstableMinWindows,
        int maxProfilesPerService,
        int maxVersionsPerService) {

    public DetectionSettings {
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        Objects.requireNonNull(versionGraceWindow, "versionGraceWindow");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(statsFlushInterval, "statsFlushInterval");
        require(!quietPeriod.isNegative() && !quietPeriod.isZero(), "quietPeriod must be > 0");
        require(unstableAfterNewTargets >= 0, "unstableAfterNewTargets must be >= 0");
        require(unstableAfterWindows >= 0, "unstableAfterWindows must be >= 0");
        require(maxTargetsPerProfile >= 1, "maxTargetsPerProfile must be >= 1");
        require(!versionGraceWindow.isNegative(), "versionGraceWindow must be >= 0");
        require(statsMinSamples >= 1, "statsMinSamples must be >= 1");
        require(statsBaselineIntervals >= 3, "statsBaselineIntervals must be >= 3");
        require(statsMinBaselineIntervals >= 3 && statsMinBaselineIntervals <= statsBaselineIntervals,
                "statsMinBaselineIntervals must be in [3, statsBaselineIntervals]");
        require(statsSustainedIntervals >= 1, "statsSustainedIntervals must be >= 1");
        require(statsThreshold > 0, "statsThreshold must be > 0");
        require(statsMadFloorFraction >= 0, "statsMadFloorFraction must be >= 0");
        require(statsRateFloorPerSecond > 0, "statsRateFloorPerSecond must be > 0");
        require(statsErrorRateFloor > 0, "statsErrorRateFloor must be > 0");
        require(statsLatencyFloorNanos > 0, "statsLatencyFloorNanos must be > 0");
        require(maxStatsKeysPerProfile >= 0, "maxStatsKeysPerProfile must be >= 0");
        require(!flushInterval.isNegative(), "flushInterval must be >= 0");
        require(!statsFlushInterval.isNegative(), "statsFlushInterval must be >= 0");
        require(unstableMinInstances >= 1, "unstableMinInstances must be >= 1");
        require(unstableMinWindows >= 1, "unstableMinWindows must be >= 1");
        require(maxProfilesPerService >= 1, "maxProfilesPerService must be >= 1");
        require(maxVersionsPerService >= 1, "maxVersionsPerService must be >= 1");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The documented defaults. */
    public static DetectionSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.quietPeriod = quietPeriod;
        b.unstableAfterNewTargets = unstableAfterNewTargets;
        b.unstableAfterWindows = unstableAfterWindows;
        b.maxTargetsPerProfile = maxTargetsPerProfile;
        b.versionGraceWindow = versionGraceWindow;
        b.statsMinSamples = statsMinSamples;
        b.statsMinBaselineIntervals = statsMinBaselineIntervals;
        b.statsBaselineIntervals = statsBaselineIntervals;
        b.statsSustainedIntervals = statsSustainedIntervals;
        b.statsThreshold = statsThreshold;
        b.statsMadFloorFraction = statsMadFloorFraction;
        b.statsRateFloorPerSecond = statsRateFloorPerSecond;
        b.statsErrorRateFloor = statsErrorRateFloor;
        b.statsLatencyFloorNanos = statsLatencyFloorNanos;
        b.maxStatsKeysPerProfile = maxStatsKeysPerProfile;
        b.flushInterval = flushInterval;
        b.statsFlushInterval = statsFlushInterval;
        b.unstableMinInstances = unstableMinInstances;
        b.unstableMinWindows = unstableMinWindows;
        b.maxProfilesPerService = maxProfilesPerService;
        b.maxVersionsPerService = maxVersionsPerService;
        return b;
    }

    /** Reads as a sentence: {@code DetectionSettings.builder().quietPeriod(Duration.ofMinutes(1)).build()}. */
    public static final class Builder {
        private Duration quietPeriod = Duration.ofMinutes(10);
        private int unstableAfterNewTargets = 20;
        private int unstableAfterWindows = 3;
        private int maxTargetsPerProfile = 1000;
        private Duration versionGraceWindow = Duration.ofHours(1);
        private int statsMinSamples = 20;
        private int statsMinBaselineIntervals = 10;
        private int statsBaselineIntervals = 60;
        private int statsSustainedIntervals = 3;
        private double statsThreshold = 5.0;
        private double statsMadFloorFraction = 0.1;
        private double statsRateFloorPerSecond = 0.5;
        private double statsErrorRateFloor = 0.02;
        private long statsLatencyFloorNanos = 100_000;
        private int maxStatsKeysPerProfile = 16;
        private Duration flushInterval = Duration.ofSeconds(1);
        private Duration statsFlushInterval = Duration.ofSeconds(60);
        private int unstableMinInstances = 3;
        private int unstableMinWindows = 2;
        private int maxProfilesPerService = 10_000;
        private int maxVersionsPerService = 5;

        private Builder() {
        }

        public Builder quietPeriod(Duration v) { quietPeriod = v; return this; }
        public Builder unstableAfterNewTargets(int v) { unstableAfterNewTargets = v; return this; }
        public Builder unstableAfterWindows(int v) { unstableAfterWindows = v; return this; }
        public Builder maxTargetsPerProfile(int v) { maxTargetsPerProfile = v; return this; }
        public Builder versionGraceWindow(Duration v) { versionGraceWindow = v; return this; }
        public Builder statsMinSamples(int v) { statsMinSamples = v; return this; }
        public Builder statsMinBaselineIntervals(int v) { statsMinBaselineIntervals = v; return this; }
        public Builder statsBaselineIntervals(int v) { statsBaselineIntervals = v; return this; }
        public Builder statsSustainedIntervals(int v) { statsSustainedIntervals = v; return this; }
        public Builder statsThreshold(double v) { statsThreshold = v; return this; }
        public Builder statsMadFloorFraction(double v) { statsMadFloorFraction = v; return this; }
        public Builder statsRateFloorPerSecond(double v) { statsRateFloorPerSecond = v; return this; }
        public Builder statsErrorRateFloor(double v) { statsErrorRateFloor = v; return this; }
        public Builder statsLatencyFloorNanos(long v) { statsLatencyFloorNanos = v; return this; }
        public Builder maxStatsKeysPerProfile(int v) { maxStatsKeysPerProfile = v; return this; }
        public Builder flushInterval(Duration v) { flushInterval = v; return this; }
        public Builder statsFlushInterval(Duration v) { statsFlushInterval = v; return this; }
        public Builder unstableMinInstances(int v) { unstableMinInstances = v; return this; }
        public Builder unstableMinWindows(int v) { unstableMinWindows = v; return this; }
        public Builder maxProfilesPerService(int v) { maxProfilesPerService = v; return this; }
        public Builder maxVersionsPerService(int v) { maxVersionsPerService = v; return this; }

        public DetectionSettings build() {
            return new DetectionSettings(quietPeriod, unstableAfterNewTargets, unstableAfterWindows,
                    maxTargetsPerProfile, versionGraceWindow, statsMinSamples, statsMinBaselineIntervals,
                    statsBaselineIntervals, statsSustainedIntervals, statsThreshold, statsMadFloorFraction,
                    statsRateFloorPerSecond, statsErrorRateFloor, statsLatencyFloorNanos, maxStatsKeysPerProfile,
                    flushInterval, statsFlushInterval, unstableMinInstances, unstableMinWindows,
                    maxProfilesPerService, maxVersionsPerService);
        }
    }
}
