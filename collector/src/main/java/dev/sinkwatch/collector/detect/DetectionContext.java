package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.profile.ProfileState;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a target rule may know about the baseline when it judges one observation; built by the engine under the
 * profile's lock, built by hand in tests.
 *
 * @param state          the profile's state
 * @param inGrace        the profile was inherited from a previous version and its grace window is open
 * @param newTarget      the (operation, target) pair had never been seen at this call site
 * @param novelTarget    the pair was first seen while the profile was STABLE/UNSTABLE and nobody approved it
 * @param trustedTarget  the pair is part of the trusted baseline (learned or approved, not flagged)
 * @param trustedTargets the call site's trusted targets of this kind (all operations), computed on demand
 * @param nowMillis      the engine clock, Unix ms
 */
public record DetectionContext(
        ProfileState state,
        boolean inGrace,
        boolean newTarget,
        boolean novelTarget,
        boolean trustedTarget,
        Supplier<List<String>> trustedTargets,
        long nowMillis) {

    /** A call site's very first observation: no baseline at all. */
    public static DetectionContext firstSighting(long nowMillis) {
        return new DetectionContext(ProfileState.LEARNING, false, true, false, false, List::of, nowMillis);
    }

    /** A new target at a call site whose trusted baseline is {@code trusted}. */
    public static DetectionContext newTargetAt(ProfileState state, List<String> trusted, long nowMillis) {
        return new DetectionContext(state, false, true, state != ProfileState.LEARNING, false, () -> trusted,
                nowMillis);
    }

    public List<String> trusted() {
        return trustedTargets.get();
    }
}
