package dev.sinkwatch.collector.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.contract.SinkKind;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * A profile as one JSON document (the {@code snapshot} column), and the merge of two versions of the same profile
 * written by different collectors.
 *
 * <p>Merge rules (commutative enough that no learned target is ever lost): targets are united (first seen = the
 * earlier, last seen and count = the larger; trusted if either side learned it; flagged if either side flagged it
 * and neither approved it); approvals are united; state is the "furthest" (UNSTABLE over STABLE over LEARNING);
 * statistics of a key are taken from the other side only when this side has none for it (counts from two
 * collectors are not added: each side's baseline is a sample of the same behaviour).
 */
final class ProfileCodec {

    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    record Snapshot(int format, String serviceName, String serviceVersion, String callSiteId, String kind,
                    String state, long createdMs, long lastSeenMs, long lastNoveltyMs, long stableSinceMs,
                    String inheritedFrom, long graceUntilMs, int lateNewTargets, long observations,
                    List<TargetSnapshot> targets, List<String> approvals, List<StatsSnapshot> stats,
                    List<Integer> lateInstances, int lateWindows, long lastLateWindow) {
    }

    record TargetSnapshot(String op, String target, long firstSeenMs, long lastSeenMs, long count, boolean novel,
                          boolean flagged, boolean approved) {
    }

    record StatsSnapshot(String key, long count, long errors, long intervals, double[] rate, double[] errorRate,
                         double[] p50, double[] p99, String latency) {
    }

    private ProfileCodec() {
    }

    /** Caller holds the profile's monitor. */
    static Snapshot snapshot(Profile p) {
        List<TargetSnapshot> targets = new ArrayList<>(p.targetCount);
        p.targets.forEach((op, byTarget) -> byTarget.forEach((t, i) -> targets.add(new TargetSnapshot(op, t,
                i.firstSeenMillis, i.lastSeenMillis, i.count, i.novel, i.flagged, i.approved))));
        List<StatsSnapshot> stats = new ArrayList<>(p.stats.size());
        p.stats.forEach((k, s) -> stats.add(new StatsSnapshot(k, s.totalCount, s.totalErrors, s.intervals,
                s.baseline(KeyBaseline.Metric.RATE), s.baseline(KeyBaseline.Metric.ERROR_RATE),
                s.baseline(KeyBaseline.Metric.P50), s.baseline(KeyBaseline.Metric.P99), encode(s.latency))));
        ProfileKey key = p.key();
        return new Snapshot(FORMAT, key.serviceName(), key.serviceVersion(), key.callSiteId(), key.kind().wireName(),
                p.state.name(), p.createdMillis, p.lastSeenMillis, p.lastNoveltyMillis, p.stableSinceMillis,
                p.inheritedFromVersion, p.graceUntilMillis, p.lateNewTargets, p.observations, targets,
                List.copyOf(p.approvals), stats, List.copyOf(p.lateInstances), p.lateWindows, p.lastLateWindow);
    }

    static String toJson(Snapshot s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode profile " + s.callSiteId(), e);
        }
    }

    static Snapshot fromJson(String json) {
        try {
            return JSON.readValue(json, Snapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("cannot decode profile snapshot: " + e.getMessage(), e);
        }
    }

    static ProfileKey key(Snapshot s) {
        return new ProfileKey(s.serviceName(), s.serviceVersion(), s.callSiteId(), SinkKind.fromWireName(s.kind()));
    }

    static Profile restore(Snapshot s, int statsCapacity) {
        Profile p = new Profile(key(s), s.createdMs());
        synchronized (p) {
            p.state = ProfileState.valueOf(s.state());
            p.lastSeenMillis = s.lastSeenMs();
            p.lastNoveltyMillis = s.lastNoveltyMs();
            p.stableSinceMillis = s.stableSinceMs();
            p.inheritedFromVersion = s.inheritedFrom();
            p.graceUntilMillis = s.graceUntilMs();
            p.lateNewTargets = s.lateNewTargets();
            restoreLate(p, s);
            p.observations = s.observations();
            mergeTargets(p, s);
            if (s.approvals() != null) {
                p.approvals.addAll(s.approvals());
            }
            mergeStats(p, s, statsCapacity);
            p.dirtyBaseline = false;
            p.dirtyStats = false;
        }
        return p;
    }

    /** Unites the instances late targets came from (within the bound) and keeps the larger window count. */
    private static void restoreLate(Profile p, Snapshot s) {
        if (s.lateInstances() != null) {
            for (Integer instance : s.lateInstances()) {
                if (p.lateInstances.size() < 64) {
                    p.lateInstances.add(instance);
                }
            }
        }
        p.lateWindows = Math.max(p.lateWindows, s.lateWindows());
        p.lastLateWindow = Math.max(p.lastLateWindow, s.lastLateWindow());
    }

    /** Folds another collector's version of the same profile into {@code p}. Caller holds the monitor. */
    static void merge(Profile p, Snapshot other, int statsCapacity) {
        ProfileState theirs = ProfileState.valueOf(other.state());
        if (theirs.ordinal() > p.state.ordinal()) {
            p.state = theirs;
        }
        p.createdMillis = Math.min(p.createdMillis, other.createdMs());
        p.lastSeenMillis = Math.max(p.lastSeenMillis, other.lastSeenMs());
        p.lastNoveltyMillis = Math.max(p.lastNoveltyMillis, other.lastNoveltyMs());
        if (other.stableSinceMs() != 0) {
            p.stableSinceMillis = p.stableSinceMillis == 0 ? other.stableSinceMs()
                    : Math.min(p.stableSinceMillis, other.stableSinceMs());
        }
        if (p.inheritedFromVersion == null) {
            p.inheritedFromVersion = other.inheritedFrom();
        }
        p.graceUntilMillis = Math.max(p.graceUntilMillis, other.graceUntilMs());
        p.lateNewTargets = Math.max(p.lateNewTargets, other.lateNewTargets());
        restoreLate(p, other);
        p.observations = Math.max(p.observations, other.observations());
        mergeTargets(p, other);
        if (other.approvals() != null) {
            p.approvals.addAll(other.approvals());
        }
        mergeStats(p, other, statsCapacity);
    }

    private static void mergeTargets(Profile p, Snapshot s) {
        if (s.targets() == null) {
            return;
        }
        p.trustChanged();
        for (TargetSnapshot t : s.targets()) {
            Map<String, TargetInfo> byTarget = p.targets.computeIfAbsent(t.op(), op -> new LinkedHashMap<>());
            TargetInfo mine = byTarget.get(t.target());
            if (mine == null) {
                TargetInfo info = new TargetInfo(t.firstSeenMs());
                info.lastSeenMillis = t.lastSeenMs();
                info.count = t.count();
                info.novel = t.novel();
                info.flagged = t.flagged();
                info.approved = t.approved();
                byTarget.put(t.target(), info);
                p.targetCount++;
            } else {
                mine.firstSeenMillis = Math.min(mine.firstSeenMillis, t.firstSeenMs());
                mine.lastSeenMillis = Math.max(mine.lastSeenMillis, t.lastSeenMs());
                mine.count = Math.max(mine.count, t.count());
                mine.approved = mine.approved || t.approved();
                mine.novel = !mine.approved && mine.novel && t.novel();
                mine.flagged = !mine.approved && (mine.flagged || t.flagged());
            }
        }
    }

    private static void mergeStats(Profile p, Snapshot s, int capacity) {
        if (s.stats() == null) {
            return;
        }
        for (StatsSnapshot st : s.stats()) {
            if (p.stats.containsKey(st.key())) {
                continue;
            }
            KeyBaseline ks = new KeyBaseline(capacity, decode(st.latency()));
            ks.totalCount = st.count();
            ks.totalErrors = st.errors();
            ks.intervals = st.intervals();
            load(ks, KeyBaseline.Metric.RATE, st.rate());
            load(ks, KeyBaseline.Metric.ERROR_RATE, st.errorRate());
            load(ks, KeyBaseline.Metric.P50, st.p50());
            load(ks, KeyBaseline.Metric.P99, st.p99());
            p.stats.put(st.key(), ks);
        }
    }

    private static void load(KeyBaseline ks, KeyBaseline.Metric m, double[] values) {
        if (values != null) {
            ks.rings[m.ordinal()].load(values);
        }
    }

    static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return LatencyHistograms.newHistogram();
        }
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            h.setAutoResize(true);
            return h;
        } catch (DataFormatException | RuntimeException e) {
            return LatencyHistograms.newHistogram();
        }
    }
}
