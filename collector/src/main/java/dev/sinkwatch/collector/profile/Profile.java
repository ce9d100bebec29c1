package dev.sinkwatch.collector.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline of one call site of one service version for one sink kind ({@link ProfileKey}): the targets it has
 * touched per operation (bounded, with first-seen times and trust flags), statistics per key, approvals, and where
 * it is in its life ({@link ProfileState}).
 *
 * <p>Lifecycle: a profile is LEARNING from its first observation until nothing new has been seen for the quiet
 * period ({@link #advance}), then STABLE. A "learning window" is one quiet period long; a new target seen after the
 * profile's first {@code unstableAfterWindows} windows is "late"; more than {@code unstableAfterNewTargets} late
 * targets make it UNSTABLE (sticky, no novelty findings) only when they came from at least
 * {@code unstableMinInstances} agent instances and in at least {@code unstableMinWindows} different learning windows:
 * one sender's burst of new targets (an attacker probing) cannot switch novelty off. Reaching
 * {@code maxTargetsPerProfile} stops learning, not judging: further new targets are not stored and are novel as
 * usual. A profile created for a new version {@link #inherit inherits} the previous version's profile of the same
 * call site and kind and opens a grace window.
 *
 * <p>Memory: about {@code 400 B + Σ targets (120 B + 2 × (|operation| + |target|) B) + Σ stats keys (≈ 1 KB rings +
 * 0.8–5.5 KB HdrHistogram, see KeyBaseline) + 60 B per approval}; the targets are bounded by
 * {@code maxTargetsPerProfile} (1000 by default) and the stats keys by {@code maxStatsKeysPerProfile} (16):
 * a typical call site with one statement is about 5 KB. {@link #estimatedFootprintBytes()} computes it.
 *
 * <p>Concurrency: every method is {@code synchronized} on the profile; a caller that needs several steps to be
 * atomic (the detection engine: advance, judge, record) holds the monitor around them ({@code synchronized
 * (profile)}; the monitor is re-entrant). The persistence fields ({@code storedVersion}, dirty flags) are guarded by
 * the same monitor; the store reads a snapshot under it and writes outside it.
 */
public final class Profile {

    /** Upper bound on stored approvals per profile (they are target fingerprints; more is a misuse). */
    static final int MAX_APPROVALS = 10_000;

    private final ProfileKey key;
    ProfileState state = ProfileState.LEARNING;
    long createdMillis;
    long lastSeenMillis;
    long lastNoveltyMillis;
    long stableSinceMillis;
    String inheritedFromVersion;
    long graceUntilMillis;
    int lateNewTargets;
    /** Hashes of the instances late targets came from; at most {@code unstableMinInstances} kept. */
    final Set<Integer> lateInstances = new LinkedHashSet<>();
    /** Distinct learning windows (counted since creation) that brought late targets, and the last of them. */
    int lateWindows;
    long lastLateWindow = -1;
    long observations;
    int targetCount;
    /** operation → target → info, insertion ordered. */
    final Map<String, Map<String, TargetInfo>> targets = new LinkedHashMap<>();
    /** "operation target" → stats. */
    final Map<String, KeyBaseline> stats = new LinkedHashMap<>();
    /** Target fingerprints approved by a person: day-0 and novelty findings with these fingerprints are dropped. */
    final Set<String> approvals = new LinkedHashSet<>();
    /** {@link #trustedTargets()} as last computed (immutable); null after a change of trust, rebuilt on demand. */
    private List<String> trustedView;

    // Persistence bookkeeping (ProfileRegistry / ProfileStore).
    long storedVersion;
    boolean dirtyBaseline;
    boolean dirtyStats;
    long lastSavedMillis;

    Profile(ProfileKey key, long nowMillis) {
        this.key = key;
        this.createdMillis = nowMillis;
        this.lastSeenMillis = nowMillis;
        this.lastNoveltyMillis = nowMillis;
        this.dirtyBaseline = true;
    }

    /** A fresh LEARNING profile (first observation at {@code nowMillis}). */
    public static Profile create(ProfileKey key, long nowMillis) {
        return new Profile(key, nowMillis);
    }

    /**
     * The profile of {@code key} (a new version) started from {@code previous} (the last version's profile of the
     * same call site and kind): targets, trust flags, approvals, statistics, state and age are copied, and a grace
     * window of {@code policy.graceMillis()} opens. During grace, new targets join the baseline (they are not
     * "novel") and the engine reports them at INFO; statistics findings are suppressed (a deploy moves rates).
     */
    public static Profile inherit(ProfileKey key, Profile previous, long nowMillis, LearningPolicy policy) {
        Profile p = new Profile(key, nowMillis);
        synchronized (previous) {
            p.state = previous.state;
            p.createdMillis = previous.createdMillis;
            p.lastNoveltyMillis = previous.lastNoveltyMillis;
            p.stableSinceMillis = previous.stableSinceMillis;
            p.lateNewTargets = previous.lateNewTargets;
            p.lateInstances.addAll(previous.lateInstances);
            p.lateWindows = previous.lateWindows;
            p.lastLateWindow = previous.lastLateWindow;
            p.targetCount = previous.targetCount;
            previous.targets.forEach((op, byTarget) -> {
                Map<String, TargetInfo> copy = new LinkedHashMap<>();
                byTarget.forEach((t, info) -> copy.put(t, info.copy()));
                p.targets.put(op, copy);
            });
            previous.stats.forEach((k, s) -> p.stats.put(k, copyStats(s, policy.statsBaselineIntervals())));
            p.approvals.addAll(previous.approvals);
        }
        p.inheritedFromVersion = previous.key.serviceVersion();
        p.graceUntilMillis = nowMillis + policy.graceMillis();
        return p;
    }

    private static KeyBaseline copyStats(KeyBaseline s, int capacity) {
        KeyBaseline c = new KeyBaseline(capacity, s.latency.copy());
        c.latency.setAutoResize(true);
        for (KeyBaseline.Metric m : KeyBaseline.Metric.values()) {
            c.rings[m.ordinal()].load(s.rings[m.ordinal()].values());
        }
        c.totalCount = s.totalCount;
        c.totalErrors = s.totalErrors;
        c.intervals = s.intervals;
        return c;
    }

    public ProfileKey key() {
        return key;
    }

    public synchronized ProfileState state() {
        return state;
    }

    public synchronized boolean inGrace(long nowMillis) {
        return inheritedFromVersion != null && nowMillis < graceUntilMillis;
    }

    public synchronized String inheritedFromVersion() {
        return inheritedFromVersion;
    }

    public synchronized int targetCount() {
        return targetCount;
    }

    /**
     * Moves LEARNING to STABLE when nothing new was seen for the quiet period. Called before judging each
     * observation, so the first observation after a quiet period already meets a STABLE profile.
     */
    public synchronized void advance(long nowMillis, LearningPolicy policy) {
        if (state == ProfileState.LEARNING && nowMillis - lastNoveltyMillis >= policy.quietMillis()) {
            state = ProfileState.STABLE;
            stableSinceMillis = nowMillis;
            dirtyBaseline = true;
        }
    }

    /** When the profile's call site and kind were first observed (inherited profiles keep their origin's). */
    public synchronized long createdMillis() {
        return createdMillis;
    }

    /** When the profile last became STABLE; 0 when it never did. */
    public synchronized long stableSinceMillis() {
        return stableSinceMillis;
    }

    /** What the profile knows of the pair, or null when it is new. */
    public synchronized TargetInfo target(String operation, String target) {
        Map<String, TargetInfo> byTarget = targets.get(operation);
        return byTarget == null ? null : byTarget.get(target);
    }

    /**
     * The trusted targets (learned or approved) of every operation, in first-seen order: an immutable list that
     * stays as it is when the profile changes later, so a detector may read it after the profile's lock is released.
     * Rebuilt only after trust changed (a new trusted target, a flag, an approval, a merge from the store).
     */
    public synchronized List<String> trustedTargets() {
        if (trustedView == null) {
            List<String> out = new ArrayList<>(targetCount);
            for (Map<String, TargetInfo> byTarget : targets.values()) {
                byTarget.forEach((t, info) -> {
                    if (info.trusted()) {
                        out.add(t);
                    }
                });
            }
            trustedView = Collections.unmodifiableList(out);
        }
        return trustedView;
    }

    /** Forget {@link #trustedTargets()}'s cached list; called by whatever changes a target's trust. */
    synchronized void trustChanged() {
        trustedView = null;
    }

    /** All targets per operation (a copy), for summaries and tests. */
    public synchronized Map<String, List<String>> targets() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        targets.forEach((op, byTarget) -> out.put(op, List.copyOf(byTarget.keySet())));
        return out;
    }

    /**
     * What {@link #recordTarget} will do with a sighting of a pair, decided from the profile as it is: whether the
     * pair is new, whether it is (or, new, will be) novel and trusted, the state the profile is left in, and whether
     * a new pair is remembered (not when the target bound is reached).
     */
    public record TargetPlan(boolean isNew, boolean novel, boolean trusted, ProfileState stateAfter, boolean kept) {
    }

    /**
     * {@link TargetPlan} of a sighting of (operation, target) now, from {@code background} work or not; changes
     * nothing. Mirrors {@link #recordTarget}.
     */
    public synchronized TargetPlan planTarget(String operation, String target, long nowMillis, LearningPolicy policy,
                                              String instanceId, boolean background) {
        TargetInfo info = target(operation, target);
        if (info != null) {
            return new TargetPlan(false, info.novel, info.trusted(), state, true);
        }
        boolean grace = inGrace(nowMillis);
        ProfileState after = state;
        if (!grace && !background && nowMillis - createdMillis >= policy.unstableAfterWindows() * policy.quietMillis()
                && lateWouldTip(nowMillis, policy, instanceId)) {
            after = ProfileState.UNSTABLE;
        }
        boolean novel = after != ProfileState.LEARNING && !grace && !background;
        return new TargetPlan(true, novel, !novel, after, targetCount < policy.maxTargetsPerProfile());
    }

    /** Whether one more late target, from this instance now, would make the profile UNSTABLE ({@link #countLate}). */
    private boolean lateWouldTip(long nowMillis, LearningPolicy policy, String instanceId) {
        int instances = lateInstances.size();
        if (instances < policy.unstableMinInstances()
                && !lateInstances.contains(instanceId == null ? 0 : instanceId.hashCode())) {
            instances++;
        }
        long window = (nowMillis - createdMillis) / Math.max(1, policy.quietMillis());
        int windows = lateWindows + (window != lastLateWindow ? 1 : 0);
        return lateNewTargets + 1 > policy.unstableAfterNewTargets() && instances >= policy.unstableMinInstances()
                && windows >= policy.unstableMinWindows();
    }

    /** A late new target: UNSTABLE once there were many, from several instances, over several windows. */
    private void countLate(long nowMillis, LearningPolicy policy, String instanceId) {
        lateNewTargets++;
        if (lateInstances.size() < policy.unstableMinInstances()) {
            lateInstances.add(instanceId == null ? 0 : instanceId.hashCode());
        }
        long window = (nowMillis - createdMillis) / Math.max(1, policy.quietMillis());
        if (window != lastLateWindow) {
            lastLateWindow = window;
            lateWindows++;
        }
        if (lateNewTargets > policy.unstableAfterNewTargets() && lateInstances.size() >= policy.unstableMinInstances()
                && lateWindows >= policy.unstableMinWindows()) {
            state = ProfileState.UNSTABLE;
        }
    }

    /**
     * The result of {@link #recordTarget}. When the target bound kept a new target out, {@code info} describes it
     * (novel or not) but is not part of the profile.
     */
    public record TargetUpdate(TargetInfo info, boolean wasNew) {
    }

    /**
     * Counts a sighting of (operation, target), adding the pair when new. A new pair is trusted when the profile
     * is LEARNING or in grace, novel otherwise; it counts as "late" (towards UNSTABLE) when the profile is older than
     * {@code unstableAfterWindows} quiet periods and not in grace.
     */
    public synchronized TargetUpdate recordTarget(String operation, String target, long count, long nowMillis,
                                                  LearningPolicy policy) {
        return recordTarget(operation, target, count, nowMillis, policy, null);
    }

    /**
     * {@link #recordTarget(String, String, long, long, LearningPolicy)} from agent instance {@code instanceId}
     * (null: unknown, counted as one instance).
     */
    public synchronized TargetUpdate recordTarget(String operation, String target, long count, long nowMillis,
                                                  LearningPolicy policy, String instanceId) {
        return recordTarget(operation, target, count, nowMillis, policy, instanceId, false);
    }

    /**
     * As {@link #recordTarget(String, String, long, long, LearningPolicy, String)}; a new pair from
     * {@code background} work (library code outside any request: a container's timers, a driver's housekeeping; a
     * class loader reading a class file) is trusted at once, as it would be while learning: what such work touches
     * varies with time, not with what the application is asked.
     */
    public synchronized TargetUpdate recordTarget(String operation, String target, long count, long nowMillis,
                                                  LearningPolicy policy, String instanceId, boolean background) {
        observations++;
        lastSeenMillis = Math.max(lastSeenMillis, nowMillis);
        Map<String, TargetInfo> byTarget = targets.computeIfAbsent(operation, op -> new LinkedHashMap<>());
        TargetInfo info = byTarget.get(target);
        if (info != null) {
            info.count += Math.max(count, 0);
            info.lastSeenMillis = Math.max(info.lastSeenMillis, nowMillis);
            dirtyStats = true;
            return new TargetUpdate(info, false);
        }
        boolean grace = inGrace(nowMillis);
        lastNoveltyMillis = nowMillis;
        dirtyBaseline = true;
        boolean late = nowMillis - createdMillis >= policy.unstableAfterWindows() * policy.quietMillis();
        if (!grace && !background && late) {
            countLate(nowMillis, policy, instanceId); // background work is learned silently: never late
        }
        info = new TargetInfo(nowMillis);
        info.count = Math.max(count, 0);
        info.novel = state != ProfileState.LEARNING && !grace && !background;
        if (targetCount >= policy.maxTargetsPerProfile()) {
            // full: judged as usual, not remembered (so a flood of targets neither grows memory nor silences novelty)
            if (byTarget.isEmpty()) {
                targets.remove(operation);
            }
            return new TargetUpdate(info, true);
        }
        byTarget.put(target, info);
        targetCount++;
        trustedView = null;
        return new TargetUpdate(info, true);
    }

    /** A day-0 rule fired on the pair: it stays out of the trusted baseline until approved. */
    public synchronized void flag(String operation, String target) {
        TargetInfo info = target(operation, target);
        if (info != null && !info.approved && !info.flagged) {
            info.flagged = true;
            dirtyBaseline = true;
            trustedView = null;
        }
    }

    /** Whether a person approved this target fingerprint at this call site. */
    public synchronized boolean isApproved(String targetFingerprint) {
        return approvals.contains(targetFingerprint);
    }

    /**
     * A person approved the pair into the baseline: it becomes trusted, and findings with {@code targetFingerprint}
     * are no longer reported at this call site (day-0 rules included). The pair is added if unknown.
     */
    public synchronized void approve(String operation, String target, String targetFingerprint, long nowMillis) {
        if (operation != null && target != null) {
            Map<String, TargetInfo> byTarget = targets.computeIfAbsent(operation, op -> new LinkedHashMap<>());
            TargetInfo info = byTarget.get(target);
            if (info == null) {
                info = new TargetInfo(nowMillis);
                byTarget.put(target, info);
                targetCount++;
            }
            info.novel = false;
            info.flagged = false;
            info.approved = true;
            trustedView = null;
        }
        if (targetFingerprint != null && approvals.size() < MAX_APPROVALS) {
            approvals.add(targetFingerprint);
        }
        dirtyBaseline = true;
    }

    /**
     * The statistics of (operation, target), created on first use while fewer than {@code maxStatsKeysPerProfile}
     * keys have statistics; null beyond that bound.
     */
    public synchronized KeyBaseline stats(String operation, String target, LearningPolicy policy) {
        String k = operation + " " + target;
        KeyBaseline s = stats.get(k);
        if (s == null && stats.size() < policy.maxStatsKeysPerProfile()) {
            s = new KeyBaseline(policy.statsBaselineIntervals());
            stats.put(k, s);
        }
        return s;
    }

    /** The statistics of (operation, target) if kept, else null. */
    public synchronized KeyBaseline existingStats(String operation, String target) {
        return stats.get(operation + " " + target);
    }

    /** Adds one delta interval to a key's counts and cumulative latency distribution. */
    public synchronized void recordInterval(KeyBaseline s, long count, long errors, long[] durationBuckets) {
        s.countInterval(count, errors);
        LatencyHistograms.record(durationBuckets, s.latency);
        dirtyStats = true;
    }

    /** Marks a change to statistics (baselines, streaks) for write-behind. */
    public synchronized void touchStats() {
        dirtyStats = true;
    }

    public synchronized long estimatedFootprintBytes() {
        long bytes = 400;
        for (Map.Entry<String, Map<String, TargetInfo>> e : targets.entrySet()) {
            bytes += 64 + 2L * e.getKey().length();
            for (String t : e.getValue().keySet()) {
                bytes += 120 + 2L * t.length();
            }
        }
        for (Map.Entry<String, KeyBaseline> e : stats.entrySet()) {
            bytes += 64 + 2L * e.getKey().length() + e.getValue().estimatedFootprintBytes();
        }
        bytes += 60L * approvals.size();
        return bytes;
    }

    public synchronized ProfileSummary summary(long nowMillis) {
        int novel = 0;
        int flagged = 0;
        Map<String, Integer> perOperation = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, TargetInfo>> e : targets.entrySet()) {
            perOperation.put(e.getKey(), e.getValue().size());
            for (TargetInfo info : e.getValue().values()) {
                novel += info.novel ? 1 : 0;
                flagged += info.flagged ? 1 : 0;
            }
        }
        return new ProfileSummary(key.serviceName(), key.serviceVersion(), key.callSiteId(), key.kind(), state,
                targetCount, Collections.unmodifiableMap(perOperation), novel, flagged, approvals.size(),
                observations, createdMillis, lastSeenMillis, stableSinceMillis, inheritedFromVersion,
                inGrace(nowMillis) ? graceUntilMillis : 0, estimatedFootprintBytes());
    }

    synchronized long lastSeenMillis() {
        return lastSeenMillis;
    }

    /** Operation → target count, for tests. */
    synchronized Map<String, Integer> targetCounts() {
        Map<String, Integer> out = new HashMap<>();
        targets.forEach((op, m) -> out.put(op, m.size()));
        return out;
    }

    @Override
    public String toString() {
        return "Profile" + key + " " + state;
    }
}
