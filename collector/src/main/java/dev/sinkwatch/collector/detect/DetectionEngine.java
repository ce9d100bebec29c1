package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.model.SinkKind;
import dev.sinkwatch.collector.profile.KeyStats;
import dev.sinkwatch.collector.profile.LatencyBuckets;
import dev.sinkwatch.collector.profile.LearningPolicy;
import dev.sinkwatch.collector.profile.Profile;
import dev.sinkwatch.collector.profile.ProfileKey;
import dev.sinkwatch.collector.profile.ProfileRegistry;
import dev.sinkwatch.collector.profile.ProfileState;
import dev.sinkwatch.collector.profile.ProfileStore;
import dev.sinkwatch.collector.profile.ProfileSummary;
import dev.sinkwatch.collector.profile.ServiceSummary;
import dev.sinkwatch.collector.profile.TargetInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Observations in, findings out: keeps the profiles (baselines) up to date and runs every detector.
 *
 * <p>Per observation, under the profile's monitor: (1) the profile's lifecycle advances (LEARNING → STABLE after the
 * quiet period); (2) the day-0 rules judge the target against the baseline as it was before this observation, and
 * {@link DayZeroPolicy} says what each match means there (attack, new code path, the shell the application always
 * runs, library work outside any request); (3) the target is recorded (learned, or novel); a target the policy
 * flags is kept out of the trusted baseline until approved; (4) novelty judges the target as recorded; (5) for delta records, the statistics
 * detectors score the interval and the key's baseline and streaks are updated. Findings whose target fingerprint was
 * approved at this call site are dropped (day-0 and novelty; an approved statistics finding instead resets that
 * metric's baseline).
 *
 * <p>Detectors are pure; the only I/O is the {@link ProfileStore}'s: loading at construction, a lookup when a new
 * profile key appears on a shared PostgreSQL, and write-behind on the {@code sinkwatch-profile-flush} thread.
 *
 * <p>Concurrency: {@link #observe} is thread-safe; observations of different profiles run in parallel, those of one
 * profile are serialised by its monitor. Approval and listing may run concurrently with observation.
 *
 * <p>Meters (bounded labels only): {@code sinkwatch.collector.profiles{state}}, {@code
 * sinkwatch.collector.profiles.footprint} (bytes), {@code sinkwatch.collector.detect.findings{detector,severity}},
 * {@code sinkwatch.collector.profiles.flush.failures}.
 */
public final class DetectionEngine implements AutoCloseable {

    /** The overflow key's call site (docs/agent-output.md): volume without detail, never judged. */
    static final String OVERFLOW_FUNCTION_PREFIX = "sinkwatch.Overflow";
    static final String OVERFLOW_TARGET = "(overflow)";

    private final DetectionSettings settings;
    private final LearningPolicy policy;
    private final Clock clock;
    private final ProfileRegistry registry;
    private final Map<SinkKind, List<TargetRule>> dayZero = new EnumMap<>(SinkKind.class);
    private final Map<SinkKind, NoveltyDetector> novelty = new EnumMap<>(SinkKind.class);
    private final List<StatsDetector> stats = List.of(new RateDetector(), new ErrorRateDetector(),
            new LatencyDetector(KeyStats.Metric.P50), new LatencyDetector(KeyStats.Metric.P99));
    private final ThreadLocal<Histogram> scratch = ThreadLocal.withInitial(LatencyBuckets::newHistogram);
    private final MeterRegistry meters;
    private final List<Meter> ownMeters = new ArrayList<>();
    private final Map<String, Counter> findingCounters = new ConcurrentHashMap<>();
    /** Per service version: the earliest {@code stableSinceMillis} of its profiles (for "new code path"). */
    private final Map<ServiceId, Long> firstStableMillis = new ConcurrentHashMap<>();

    public DetectionEngine(ProfileStore store, DetectionSettings settings, Clock clock) {
        this(store, settings, clock, null);
    }

    /** @param meters where to register the engine's meters; null for none */
    public DetectionEngine(ProfileStore store, DetectionSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = policy(settings);
        this.registry = new ProfileRegistry(Objects.requireNonNull(store, "store"), policy, settings.flushInterval(),
                settings.statsFlushInterval(), clock);
        for (TargetRule rule : List.of(new SqlInjectionDetector(), new FileTraversalDetector(), new SsrfDetector(),
                new SuspiciousProcessDetector(), new ShellInjectionDetector(), new DeserializationGadgetDetector(),
                new JndiRemoteDetector())) {
            dayZero.computeIfAbsent(rule.kind(), k -> new ArrayList<>()).add(rule);
        }
        for (SinkKind kind : SinkKind.values()) {
            dayZero.computeIfAbsent(kind, k -> new ArrayList<>()).add(new InputInjectionDetector(kind));
        }
        for (NoveltyDetector n : NoveltyDetector.all()) {
            novelty.put(n.kind(), n);
        }
        this.meters = meters;
        if (meters != null) {
            registerMeters(meters);
        }
    }

    static LearningPolicy policy(DetectionSettings s) {
        return new LearningPolicy(s.quietPeriod().toMillis(), s.unstableAfterNewTargets(), s.unstableAfterWindows(),
                s.maxTargetsPerProfile(), s.versionGraceWindow().toMillis(), s.statsBaselineIntervals(),
                s.maxStatsKeysPerProfile());
    }

    private void registerMeters(MeterRegistry m) {
        for (ProfileState state : ProfileState.values()) {
            ownMeters.add(Gauge.builder("sinkwatch.collector.profiles", this, e -> e.countInState(state))
                    .tag("state", state.wireName())
                    .description("Profiles (service, version, call site, sink kind) by lifecycle state")
                    .register(m));
        }
        ownMeters.add(Gauge.builder("sinkwatch.collector.profiles.footprint", this, DetectionEngine::footprintBytes)
                .baseUnit("bytes").description("Estimated memory held by all profiles").register(m));
        ownMeters.add(FunctionCounter.builder("sinkwatch.collector.profiles.flush.failures", registry,
                        ProfileRegistry::flushFailures)
                .description("Profile saves that failed (retried at the next flush)").register(m));
    }

    private double countInState(ProfileState state) {
        long n = 0;
        for (Profile p : registry.all()) {
            n += p.state() == state ? 1 : 0;
        }
        return n;
    }

    private double footprintBytes() {
        long n = 0;
        for (Profile p : registry.all()) {
            n += p.estimatedFootprintBytes();
        }
        return n;
    }

    public DetectionSettings settings() {
        return settings;
    }

    /**
     * Updates the observation's profile and returns what the detectors found (usually nothing). Thread-safe.
     */
    public List<Finding> observe(Observation o) {
        if (o.target().equals(OVERFLOW_TARGET) || o.callSite().function().startsWith(OVERFLOW_FUNCTION_PREFIX)) {
            return List.of();
        }
        long now = clock.millis();
        Profile profile = registry.getOrCreate(ProfileKey.of(o), now);
        List<Finding> out = new ArrayList<>(2);
        synchronized (profile) {
            profile.advance(now, policy);
            noteStable(profile, o.service());
            TargetInfo before = profile.target(o.operation(), o.target());
            boolean grace = profile.inGrace(now);
            Supplier<List<String>> trusted = memoize(profile::trustedTargets);
            DetectionContext pre = new DetectionContext(profile.state(), grace, before == null,
                    before != null && before.novel(), before != null && before.trusted(), trusted, now);
            boolean approved = profile.isApproved(Findings.fingerprint(o.kind(), o.operation(), o.target()));

            List<Finding> dayZeroFindings = new ArrayList<>(1);
            boolean flag = false;
            for (TargetRule rule : dayZero.getOrDefault(o.kind(), List.of())) {
                Finding f = rule.evaluate(o, pre);
                if (f != null && !approved) {
                    DayZeroPolicy.Verdict v = DayZeroPolicy.judge(f, o, pre, () -> newCodePath(profile, o));
                    if (v.finding() != null) {
                        dayZeroFindings.add(v.finding());
                    }
                    flag |= v.flag();
                }
            }
            Profile.TargetUpdate update = profile.recordTarget(o.operation(), o.target(), Math.max(1, o.count()),
                    now, policy);
            if (flag) {
                profile.flag(o.operation(), o.target());
            }
            TargetInfo info = update.info();
            DetectionContext post = new DetectionContext(profile.state(), grace, update.wasNew(),
                    info != null && info.novel(), info != null && info.trusted(), memoize(profile::trustedTargets),
                    now);
            Finding n = novelty.get(o.kind()).evaluate(o, post);
            if (n != null && !approved) {
                out.add(n);
            }
            out.addAll(dayZeroFindings);
            if (!o.firstSighting() && o.count() > 0) {
                judgeStatistics(profile, o, grace, now, out);
            }
        }
        if (meters != null) {
            for (Finding f : out) {
                findingCounters.computeIfAbsent(f.detector() + '|' + f.severity().wireName(),
                        k -> Counter.builder("sinkwatch.collector.detect.findings")
                                .tag("detector", f.detector()).tag("severity", f.severity().wireName())
                                .description("Findings raised by the detectors (before alert dedup)")
                                .register(meters)).increment();
            }
        }
        return out;
    }

    /** Remembers the earliest time a call site of the service (name and version) was stable. */
    private void noteStable(Profile profile, ServiceId service) {
        if (profile.state() == ProfileState.STABLE) {
            long since = profile.stableSinceMillis();
            Long known = firstStableMillis.get(service);
            if (known == null || since < known) {
                firstStableMillis.merge(service, since, Math::min);
            }
        }
    }

    /** The call site was first seen after another call site of its service version had become stable. */
    private boolean newCodePath(Profile profile, Observation o) {
        Long stableSince = firstStableMillis.get(o.service());
        return stableSince != null && profile.inheritedFromVersion() == null
                && profile.createdMillis() > stableSince;
    }

    private void judgeStatistics(Profile profile, Observation o, boolean grace, long now, List<Finding> out) {
        KeyStats ks = profile.stats(o.operation(), o.target(), policy);
        if (ks == null) {
            return;
        }
        StatsDetector.IntervalLatency latency = intervalLatency(o.durationBuckets());
        profile.recordInterval(ks, o.count(), o.errors(), o.durationBuckets());
        boolean latencyReported = false;
        for (StatsDetector d : stats) {
            double value = d.measure(o, latency, settings);
            if (Double.isNaN(value)) {
                continue;
            }
            StatsDetector.Verdict v = d.judge(ks.baseline(d.metric()), value, d.enoughSamples(o, settings),
                    settings);
            boolean anomalous = v.anomalous() && !grace;
            int streak = ks.accept(d.metric(), value, anomalous);
            if (anomalous && streak >= settings.statsSustainedIntervals()) {
                boolean isLatency = d instanceof LatencyDetector;
                if (!isLatency || !latencyReported) {
                    out.add(d.finding(o, v, streak, now, settings));
                    latencyReported |= isLatency;
                }
            }
        }
        profile.touchStats();
    }

    private StatsDetector.IntervalLatency intervalLatency(long[] buckets) {
        if (buckets.length < 2) {
            return StatsDetector.IntervalLatency.NONE;
        }
        Histogram h = scratch.get();
        h.reset();
        long n = LatencyBuckets.record(buckets, h);
        if (n == 0) {
            return StatsDetector.IntervalLatency.NONE;
        }
        return new StatsDetector.IntervalLatency(n, h.getValueAtPercentile(50), h.getValueAtPercentile(99));
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    /**
     * Approves a finding ("add to profile"): for day-0 and novelty findings the target joins the trusted baseline of
     * that call site and kind (in every known version of the service) and findings with its fingerprint are no
     * longer raised there; for statistics findings the key's baseline of that metric restarts at the new level.
     *
     * @throws IllegalArgumentException when the finding lacks kind, operation or target
     */
    public void approve(Finding f) {
        if (f.kind() == null || f.operation() == null || f.target() == null) {
            throw new IllegalArgumentException("finding " + f.detector() + " names no kind/operation/target");
        }
        if (f.detector().startsWith("stats.")) {
            List<KeyStats.Metric> metrics = switch (f.detector()) {
                case "stats.rate" -> List.of(KeyStats.Metric.RATE);
                case "stats.error_rate" -> List.of(KeyStats.Metric.ERROR_RATE);
                default -> List.of(KeyStats.Metric.P50, KeyStats.Metric.P99);
            };
            Profile p = registry.find(ProfileKey.of(f.service(), f.callSite().id(), f.kind()));
            if (p != null) {
                synchronized (p) {
                    KeyStats ks = p.existingStats(f.operation(), f.target());
                    if (ks != null) {
                        metrics.forEach(ks::reset);
                        p.touchStats();
                    }
                }
            }
            return;
        }
        approve(f.service(), f.callSite().id(), f.kind(), f.operation(), f.target());
    }

    /** Approves (operation, target) at a call site and kind, in {@code service}'s version and all others known. */
    public void approve(ServiceId service, String callSiteId, SinkKind kind, String operation, String target) {
        long now = clock.millis();
        String fingerprint = Findings.fingerprint(kind, operation, target);
        Profile p = registry.getOrCreate(ProfileKey.of(service, callSiteId, kind), now);
        p.approve(operation, target, fingerprint, now);
        for (Profile other : registry.forService(service.name())) {
            if (other != p && other.key().callSiteId().equals(callSiteId) && other.key().kind() == kind) {
                other.approve(operation, target, fingerprint, now);
            }
        }
    }

    /** Names of the services with profiles, sorted. */
    public List<String> services() {
        TreeSet<String> names = new TreeSet<>();
        for (Profile p : registry.all()) {
            names.add(p.key().serviceName());
        }
        return List.copyOf(names);
    }

    /** Each service with its versions and profile counts by state, sorted by name. */
    public List<ServiceSummary> serviceSummaries() {
        Map<String, List<ProfileSummary>> byService = new LinkedHashMap<>();
        for (String name : services()) {
            byService.put(name, profiles(name));
        }
        List<ServiceSummary> out = new ArrayList<>();
        byService.forEach((name, list) -> {
            Map<String, Long> versionSeen = new LinkedHashMap<>();
            Map<String, Integer> byState = new LinkedHashMap<>();
            for (ProfileState s : ProfileState.values()) {
                byState.put(s.wireName(), 0);
            }
            int targets = 0;
            long lastSeen = 0;
            for (ProfileSummary p : list) {
                versionSeen.merge(p.serviceVersion(), p.lastSeenUnixMillis(), Math::max);
                byState.merge(p.state().wireName(), 1, Integer::sum);
                targets += p.targets();
                lastSeen = Math.max(lastSeen, p.lastSeenUnixMillis());
            }
            List<String> versions = versionSeen.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
            out.add(new ServiceSummary(name, versions, list.size(), byState, targets, lastSeen));
        });
        return out;
    }

    /** The profiles of one service (every version), sorted by version, call site and kind; states are current. */
    public List<ProfileSummary> profiles(String serviceName) {
        long now = clock.millis();
        List<ProfileSummary> out = new ArrayList<>();
        for (Profile p : registry.forService(serviceName)) {
            p.advance(now, policy);
            out.add(p.summary(now));
        }
        out.sort(Comparator.comparing(ProfileSummary::serviceVersion).thenComparing(ProfileSummary::callSiteId)
                .thenComparing(ProfileSummary::kind));
        return out;
    }

    /** The live profile of a key, or null (for tests and tools; hold its monitor while reading several things). */
    public Profile profile(ProfileKey key) {
        return registry.find(key);
    }

    /** Saves every changed profile now (write-behind does this every {@code flushInterval} anyway). */
    public void flush() {
        registry.flush();
    }

    /** Stops write-behind, flushes, removes the engine's meters. Does not close the store's database. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            if (meters != null) {
                ownMeters.forEach(meters::remove);
                findingCounters.values().forEach(meters::remove);
            }
        }
    }
}
