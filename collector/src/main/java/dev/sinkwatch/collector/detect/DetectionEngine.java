package dev.sinkwatch.collector.detect;

import dev.sinkwatch.contract.OverflowMarkers;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.profile.KeyStats;
import dev.sinkwatch.collector.profile.LatencyHistograms;
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

/**
 * Observations in, findings out: keeps the profiles (baselines) up to date and runs every detector.
 *
 * <p>Per observation: (1) under the profile's monitor, the profile's lifecycle advances (LEARNING → STABLE after the
 * quiet period) and a snapshot is taken of what the rules judge against (the target's flags, the trusted targets,
 * the key's statistics baselines); (2) without the monitor, the day-0 rules judge the target and the statistics
 * detectors score a delta record's interval against that snapshot; (3) under the monitor, once, the target is
 * recorded (learned, or novel), a target {@link DayZeroPolicy} flags (it says what each day-0 match means there:
 * attack, new code path, the shell the application always runs, library work outside any request) is kept out of
 * the trusted baseline until approved, and the key's baseline and streaks are updated; (4) without the monitor,
 * novelty judges the target as recorded. The statistics of one key are only ever updated by the thread observing it (the pipeline sends one call
 * site to one worker), so a verdict and the update that follows it see the same baseline. Findings whose target fingerprint was
 * approved at this call site are dropped (day-0 and novelty; an approved statistics finding instead resets that
 * metric's baseline).
 *
 * <p>Detectors are pure; the only I/O is the {@link ProfileStore}'s: loading at construction, a lookup when a new
 * profile key appears on a shared PostgreSQL, and write-behind on the {@code sinkwatch-profile-flush} thread.
 *
 * <p>Concurrency: {@link #observe} is thread-safe; observations of different profiles run in parallel, and no
 * detector runs while holding a profile's monitor (each profile guards itself, see {@link Profile}). A key's
 * statistics verdict and the update that follows it assume one observer per call site at a time, which the pipeline
 * guarantees (one worker per call site); approval and listing may run concurrently with observation.
 *
 * <p>Meters (bounded labels only): {@code sinkwatch.collector.profiles{state}}, {@code
 * sinkwatch.collector.profiles.footprint} (bytes), {@code sinkwatch.collector.detect.findings{detector,severity}},
 * {@code sinkwatch.collector.profiles.flush.failures}.
 */
public final class DetectionEngine implements AutoCloseable {

    /** The overflow key's call site (docs/agent-output.md): volume without detail, never judged. */

    private final DetectionSettings settings;
    private final LearningPolicy policy;
    private final Clock clock;
    private final ProfileRegistry registry;
    private final Map<SinkKind, List<TargetRule>> dayZero = new EnumMap<>(SinkKind.class);
    private final Map<SinkKind, NoveltyDetector> novelty = new EnumMap<>(SinkKind.class);
    private final List<StatsDetector> stats = List.of(new RateDetector(), new ErrorRateDetector(),
            new LatencyDetector(KeyStats.Metric.P50), new LatencyDetector(KeyStats.Metric.P99));
    private final ThreadLocal<Histogram> scratch = ThreadLocal.withInitial(LatencyHistograms::newHistogram);
    private final MeterRegistry meters;
    private final List<Meter> ownMeters = new ArrayList<>();
    private final Map<String, Counter> findingCounters = new ConcurrentHashMap<>();
    /** Per service version: the earliest {@code stableSinceMillis} of its profiles (for "new code path"). */
    private final Map<ServiceId, Long> firstStableMillis = new ConcurrentHashMap<>();
    /**
     * Per service version: when its learning began — its first call site, or, for a service whose agent reports
     * requests ({@code sinkwatch.request}), its first call site seen serving one.
     */
    private final Map<ServiceId, Long> learningSinceMillis = new ConcurrentHashMap<>();
    private final java.util.Set<ServiceId> servesRequests = ConcurrentHashMap.newKeySet();
    /** Per service version: when its last new call site (profile) appeared. */
    private final Map<ServiceId, Long> lastNewCallSiteMillis = new ConcurrentHashMap<>();
    /** Per service version: since when its baseline is stable (sticky; see {@link #noteNewCallSite}). */
    private final Map<ServiceId, Long> baselineStableMillis = new ConcurrentHashMap<>();
    /** Profiles whose call site appeared after its service's baseline was stable: new code paths. */
    private final java.util.Set<ProfileKey> lateCallSites = ConcurrentHashMap.newKeySet();

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
                new JndiRemoteDetector(), new LdapInjectionDetector(), new XPathInjectionDetector())) {
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
                s.maxStatsKeysPerProfile(), s.unstableMinInstances(), s.unstableMinWindows(),
                s.maxProfilesPerService(), s.maxVersionsPerService());
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
        ownMeters.add(FunctionCounter.builder("sinkwatch.collector.profiles.refused", registry,
                        ProfileRegistry::refused)
                .description("Observations not judged: their service was at detect.max-profiles-per-service")
                .register(m));
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
     *
     * <p>Three steps, so that no detector runs while holding the profile's monitor (a slow rule never holds up the
     * API, write-behind or another caller of the same profile): under the monitor, a {@link Before snapshot} of what
     * the rules judge against; outside it, the day-0 rules and the statistics verdicts; under the monitor once more,
     * the profile is updated with the result; outside it again, novelty judges the target as recorded.
     */
    public List<Finding> observe(Observation o) {
        if (o.target().equals(OverflowMarkers.TARGET) || o.callSite().function().startsWith(OverflowMarkers.FUNCTION)) {
            return List.of();
        }
        long now = clock.millis();
        Profile profile = registry.getOrCreate(ProfileKey.of(o), now);
        if (profile == null) {
            return List.of(); // the service is at its profile cap (counted by the registry)
        }
        if (profile.createdMillis() == now) {
            noteNewCallSite(profile, o, now);
        }
        String fingerprint = Findings.fingerprint(o.kind(), o.operation(), o.target());
        boolean judgeStats = !o.firstSighting() && o.count() > 0;
        Before before = before(profile, o, fingerprint, judgeStats, now);

        List<Finding> dayZeroFindings = new ArrayList<>(1);
        boolean flag = false;
        for (TargetRule rule : dayZero.getOrDefault(o.kind(), List.of())) {
            Finding f = rule.evaluate(o, before.context());
            if (f != null && !before.approved()) {
                DayZeroPolicy.Verdict v = DayZeroPolicy.judge(f, o, before.context(),
                        () -> newCodePath(profile, o));
                if (v.finding() != null) {
                    dayZeroFindings.add(v.finding());
                }
                flag |= v.flag();
            }
        }
        List<StatsVerdict> verdicts = before.stats() == null ? List.of() : judge(o, before);

        List<Finding> out = new ArrayList<>(2);
        DetectionContext after;
        List<StatsVerdict> sustained = new ArrayList<>(0);
        synchronized (profile) {
            Profile.TargetUpdate update = profile.recordTarget(o.operation(), o.target(), Math.max(1, o.count()),
                    now, policy, o.instanceId(), DayZeroPolicy.learnedSilently(o));
            if (flag) {
                profile.flag(o.operation(), o.target());
            }
            TargetInfo info = update.info();
            ProfileState state = profile.state();
            // Novelty reads the trusted list only of a STABLE profile: do not rebuild it for a learning one.
            List<String> trusted = state == ProfileState.STABLE ? profile.trustedTargets() : List.of();
            after = new DetectionContext(state, before.context().inGrace(), update.wasNew(),
                    info != null && info.novel(), info != null && info.trusted(), () -> trusted, now);
            if (before.stats() != null) {
                profile.recordInterval(before.stats(), o.count(), o.errors(), o.durationBuckets());
                for (StatsVerdict v : verdicts) {
                    int streak = before.stats().accept(v.detector().metric(), v.verdict().value(), v.anomalous());
                    if (v.anomalous() && streak >= settings.statsSustainedIntervals()) {
                        sustained.add(v.withStreak(streak));
                    }
                }
                profile.touchStats();
            }
        }
        Finding n = novelty.get(o.kind()).evaluate(o, after);
        if (n != null && !before.approved()) {
            out.add(n);
        }
        out.addAll(dayZeroFindings);
        boolean latencyReported = false;
        for (StatsVerdict v : sustained) {
            boolean isLatency = v.detector() instanceof LatencyDetector;
            if (!isLatency || !latencyReported) {
                out.add(v.detector().finding(o, v.verdict(), v.streak(), now, settings));
                latencyReported |= isLatency;
            }
        }
        count(out);
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

    /**
     * A call site appeared. The service's baseline becomes stable (for good) at the first new call site that comes
     * after a quiet period without any, once a call site of the service is STABLE and the service has learned for
     * {@code unstableAfterWindows} quiet periods: learning had exercised every code path it was going to. A service
     * serving requests learns from its first request on (start-up followed by idle time is not learning).
     * From then on each new call site is a new code path.
     */
    private void noteNewCallSite(Profile profile, Observation o, long now) {
        ServiceId service = o.service();
        String request = o.attributes().get(SinkAttributes.REQUEST);
        if (request != null && servesRequests.add(service)) {
            learningSinceMillis.remove(service); // learning restarts at the first request
        }
        if (request == null || request.equals("true") || !servesRequests.contains(service)) {
            learningSinceMillis.putIfAbsent(service, now);
        }
        long quiet = settings.quietPeriod().toMillis();
        Long learningSince = learningSinceMillis.get(service);
        Long previous = lastNewCallSiteMillis.put(service, now);
        Long stableSince = firstStableMillis.get(service);
        if (previous != null && stableSince != null && learningSince != null && stableSince < now
                && now - previous >= quiet && now - learningSince >= settings.unstableAfterWindows() * quiet) {
            baselineStableMillis.putIfAbsent(service, now);
        }
        Long baselineStable = baselineStableMillis.get(service);
        if (baselineStable != null && now >= baselineStable) {
            lateCallSites.add(profile.key());
        }
    }

    /** The call site was first seen after its service's baseline was stable (see {@link #noteNewCallSite}). */
    private boolean newCodePath(Profile profile, Observation o) {
        return profile.inheritedFromVersion() == null && lateCallSites.contains(profile.key());
    }

    /**
     * What the rules judge an observation against: the profile as it was before it. {@code stats} is the key's
     * statistics (null when not judged), {@code baselines} a copy of its metrics' baselines.
     */
    private record Before(DetectionContext context, boolean approved, KeyStats stats, double[][] baselines) {
    }

    /** A statistics detector's verdict on one interval, and the streak it reached once accepted. */
    private record StatsVerdict(StatsDetector detector, StatsDetector.Verdict verdict, boolean anomalous, int streak) {
        StatsVerdict withStreak(int n) {
            return new StatsVerdict(detector, verdict, anomalous, n);
        }
    }

    private Before before(Profile profile, Observation o, String fingerprint, boolean judgeStats, long now) {
        synchronized (profile) {
            profile.advance(now, policy);
            noteStable(profile, o.service());
            TargetInfo target = profile.target(o.operation(), o.target());
            List<String> trusted = profile.trustedTargets();
            DetectionContext context = new DetectionContext(profile.state(), profile.inGrace(now), target == null,
                    target != null && target.novel(), target != null && target.trusted(), () -> trusted, now);
            KeyStats ks = judgeStats ? profile.stats(o.operation(), o.target(), policy) : null;
            double[][] baselines = null;
            if (ks != null) {
                baselines = new double[KeyStats.Metric.values().length][];
                for (KeyStats.Metric m : KeyStats.Metric.values()) {
                    baselines[m.ordinal()] = ks.baseline(m);
                }
            }
            return new Before(context, profile.isApproved(fingerprint), ks, baselines);
        }
    }

    /** The statistics detectors' verdicts on this interval against the baselines as they were (pure). */
    private List<StatsVerdict> judge(Observation o, Before before) {
        StatsDetector.IntervalLatency latency = intervalLatency(o.durationBuckets());
        List<StatsVerdict> out = new ArrayList<>(stats.size());
        for (StatsDetector d : stats) {
            double value = d.measure(o, latency, settings);
            if (Double.isNaN(value)) {
                continue;
            }
            StatsDetector.Verdict v = d.judge(before.baselines()[d.metric().ordinal()], value,
                    d.enoughSamples(o, settings), settings);
            out.add(new StatsVerdict(d, v, v.anomalous() && !before.context().inGrace(), 0));
        }
        return out;
    }

    private void count(List<Finding> out) {
        if (meters == null) {
            return;
        }
        for (Finding f : out) {
            findingCounters.computeIfAbsent(f.detector() + '|' + f.severity().wireName(),
                    k -> Counter.builder("sinkwatch.collector.detect.findings")
                            .tag("detector", f.detector()).tag("severity", f.severity().wireName())
                            .description("Findings raised by the detectors (before alert dedup)")
                            .register(meters)).increment();
        }
    }

    private StatsDetector.IntervalLatency intervalLatency(long[] buckets) {
        if (buckets.length < 2) {
            return StatsDetector.IntervalLatency.NONE;
        }
        Histogram h = scratch.get();
        h.reset();
        long n = LatencyHistograms.record(buckets, h);
        if (n == 0) {
            return StatsDetector.IntervalLatency.NONE;
        }
        return new StatsDetector.IntervalLatency(n, h.getValueAtPercentile(50), h.getValueAtPercentile(99));
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
        if (p != null) {
            p.approve(operation, target, fingerprint, now);
        }
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
