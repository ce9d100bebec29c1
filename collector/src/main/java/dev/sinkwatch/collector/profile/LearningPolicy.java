package dev.sinkwatch.collector.profile;

/**
 * The profile-side subset of the detection settings, in milliseconds (so that {@code profile} does not depend on
 * {@code detect}). See {@code DetectionSettings} for the meaning and the defaults of each.
 */
public record LearningPolicy(
        long quietMillis,
        int unstableAfterNewTargets,
        int unstableAfterWindows,
        int maxTargetsPerProfile,
        long graceMillis,
        int statsBaselineIntervals,
        int maxStatsKeysPerProfile,
        int unstableMinInstances,
        int unstableMinWindows,
        int maxProfilesPerService,
        int maxVersionsPerService) {

    /** With the documented defaults for the spread of late targets and the per-service caps. */
    public LearningPolicy(long quietMillis, int unstableAfterNewTargets, int unstableAfterWindows,
            int maxTargetsPerProfile, long graceMillis, int statsBaselineIntervals, int maxStatsKeysPerProfile) {
        this(quietMillis, unstableAfterNewTargets, unstableAfterWindows, maxTargetsPerProfile, graceMillis,
                statsBaselineIntervals, maxStatsKeysPerProfile, 3, 2, 10_000, 5);
    }
}
