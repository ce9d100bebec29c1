package dev.sinkwatch.collector.profile;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * All profiles in memory, their creation (with version inheritance) and their write-behind to a
 * {@link ProfileStore}.
 *
 * <p>Write-behind: a change to a profile's baseline (a new target, a state change, an approval, a flag) marks it
 * dirty; a daemon thread {@code sinkwatch-profile-flush} saves dirty profiles every {@code flushInterval}
 * (1 s by default), so a kill -9 loses at most the baseline changes of the last interval plus the one write in
 * flight (and, on embedded H2, H2's own write delay of 0.5 s). Statistics-only changes are saved at most every
 * {@code statsFlushInterval} (60 s by default), so at most that much statistics is lost. {@link #flush()} saves
 * everything dirty now; {@link #close()} stops the thread and flushes.
 *
 * <p>Inheritance: a profile key seen for the first time is looked up in the store when the store is shared (another
 * collector may have written it), else it inherits from the most recently seen profile of another version of the
 * same service with the same call site id and kind; failing that, from the only profile of that version with the
 * same function (the line moved) and kind.
 *
 * <p>Bounded per service: at most {@code maxProfilesPerService} profiles and {@code maxVersionsPerService} versions
 * (see {@link #getOrCreate}).
 *
 * <p>Concurrency: {@code profiles}, {@code byFunction} and {@code services} are concurrent maps; creating (and
 * retiring) a service's profiles is serialised by its {@code ServiceProfiles} monitor; {@code retired} is a
 * concurrent queue drained by flushes. Flushes are serialised by
 * {@code flushLock}. Profiles guard themselves (see {@link Profile}).
 */
public final class ProfileRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProfileRegistry.class.getName());
    private static final long LOAD_PAUSE_MILLIS = 30_000;

    private final ProfileStore store;
    private final LearningPolicy policy;
    private final long statsFlushMillis;
    private final Clock clock;
    private final Map<ProfileKey, Profile> profiles = new ConcurrentHashMap<>();
    /** service name + kind + function → profiles of every version, for inheritance. */
    private final Map<String, List<Profile>> byFunction = new ConcurrentHashMap<>();
    private final Object flushLock = new Object();
    private final Map<String, ServiceProfiles> services = new ConcurrentHashMap<>();
    /** Profiles of retired versions, deleted from the store at the next flush. */
    private final Queue<ProfileKey> retired = new ConcurrentLinkedQueue<>();
    private final AtomicLong refused = new AtomicLong();
    /** After a failed lookup in a shared store, new profiles start afresh until then (written by any worker). */
    private volatile long loadsPausedUntilMillis;
    private final AtomicLong flushFailures = new AtomicLong();
    private final ScheduledExecutorService flusher;

    /**
     * Loads every stored profile and, when {@code flushInterval} is positive and the store persists, starts the
     * write-behind thread.
     */
    public ProfileRegistry(ProfileStore store, LearningPolicy policy, Duration flushInterval,
                           Duration statsFlushInterval, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.statsFlushMillis = statsFlushInterval.toMillis();
        this.clock = clock;
        for (Profile p : store.loadAll(policy.statsBaselineIntervals())) {
            index(p);
        }
        if (store.persistent() && !flushInterval.isZero()) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sinkwatch-profile-flush");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(1, flushInterval.toMillis());
            flusher.scheduleWithFixedDelay(this::flushQuietly, period, period, TimeUnit.MILLISECONDS);
        } else {
            flusher = null;
        }
    }

    private void index(Profile p) {
        profiles.put(p.key(), p);
        byFunction.computeIfAbsent(functionKey(p.key()), k -> new CopyOnWriteArrayList<>()).add(p);
        ServiceProfiles sp = services.computeIfAbsent(p.key().serviceName(), k -> new ServiceProfiles());
        synchronized (sp) {
            if (sp.byVersion.computeIfAbsent(p.key().serviceVersion(), v -> new LinkedHashSet<>()).add(p.key())) {
                sp.count++;
            }
        }
    }

    /** One service's profiles by version, for the per-service caps. Guarded by its own monitor. */
    private static final class ServiceProfiles {
        final Map<String, Set<ProfileKey>> byVersion = new LinkedHashMap<>();
        int count;
    }

    private static String functionKey(ProfileKey k) {
        return k.serviceName() + '\u0000' + k.kind().wireName() + '\u0000' + k.function();
    }

    public LearningPolicy policy() {
        return policy;
    }

    /** The profile of {@code key}, or null when none exists in memory. */
    public Profile find(ProfileKey key) {
        return profiles.get(key);
    }

    /**
     * The profile of {@code key}, created (loaded, inherited or fresh) at {@code nowMillis} when missing; null when
     * its service already has {@code maxProfilesPerService} profiles. A version beyond {@code maxVersionsPerService}
     * first retires the service's version seen least recently (its profiles leave memory now and the store at the
     * next flush). Creation is serialised per service (it is rare: once per call site, kind and version).
     */
    public Profile getOrCreate(ProfileKey key, long nowMillis) {
        Profile p = profiles.get(key);
        if (p != null) {
            return p;
        }
        ServiceProfiles sp = services.computeIfAbsent(key.serviceName(), k -> new ServiceProfiles());
        synchronized (sp) {
            p = profiles.get(key);
            if (p != null) {
                return p;
            }
            if (!sp.byVersion.containsKey(key.serviceVersion())
                    && sp.byVersion.size() >= policy.maxVersionsPerService()) {
                retireLeastRecentVersion(sp);
            }
            if (sp.count >= policy.maxProfilesPerService()) {
                refused.incrementAndGet();
                return null;
            }
            Profile created = create(key, nowMillis);
            index(created);
            return created;
        }
    }

    /** Caller holds {@code sp}'s monitor. */
    private void retireLeastRecentVersion(ServiceProfiles sp) {
        String oldest = null;
        long oldestSeen = Long.MAX_VALUE;
        for (Map.Entry<String, Set<ProfileKey>> version : sp.byVersion.entrySet()) {
            long seen = 0;
            for (ProfileKey k : version.getValue()) {
                Profile p = profiles.get(k);
                seen = Math.max(seen, p == null ? 0 : p.lastSeenMillis());
            }
            if (seen < oldestSeen) {
                oldestSeen = seen;
                oldest = version.getKey();
            }
        }
        for (ProfileKey k : sp.byVersion.remove(oldest)) {
            Profile p = profiles.remove(k);
            if (p != null) {
                List<Profile> siblings = byFunction.get(functionKey(k));
                if (siblings != null) {
                    siblings.remove(p);
                }
            }
            sp.count--;
            retired.add(k);
        }
        LOG.info("profiles of version " + oldest + " retired: the service has more than "
                + policy.maxVersionsPerService() + " versions");
    }

    private Profile create(ProfileKey key, long nowMillis) {
        Profile created = null;
        if (store.shared() && nowMillis >= loadsPausedUntilMillis) {
            try {
                created = store.load(key, policy.statsBaselineIntervals());
            } catch (RuntimeException e) {
                // the store is down: detection must not wait on it again for every new call site
                loadsPausedUntilMillis = nowMillis + LOAD_PAUSE_MILLIS;
                LOG.log(Level.WARNING, "profile lookup failed, starting " + key + " afresh; lookups pause for "
                        + LOAD_PAUSE_MILLIS / 1000 + " s: " + e.getMessage());
            }
        }
        if (created == null) {
            Profile previous = previousVersion(key);
            created = previous == null ? Profile.create(key, nowMillis)
                    : Profile.inherit(key, previous, nowMillis, policy);
        }
        return created;
    }

    /** Profiles not created because their service had {@code maxProfilesPerService} (since start). */
    public long refused() {
        return refused.get();
    }

    private Profile previousVersion(ProfileKey key) {
        List<Profile> candidates = byFunction.get(functionKey(key));
        if (candidates == null) {
            return null;
        }
        Profile exact = candidates.stream()
                .filter(p -> !p.key().serviceVersion().equals(key.serviceVersion()))
                .filter(p -> p.key().callSiteId().equals(key.callSiteId()))
                .max(Comparator.comparingLong(Profile::lastSeenMillis))
                .orElse(null);
        if (exact != null) {
            return exact;
        }
        Profile latest = candidates.stream()
                .filter(p -> !p.key().serviceVersion().equals(key.serviceVersion()))
                .max(Comparator.comparingLong(Profile::lastSeenMillis))
                .orElse(null);
        if (latest == null) {
            return null;
        }
        List<Profile> sameVersion = candidates.stream()
                .filter(p -> p.key().serviceVersion().equals(latest.key().serviceVersion()))
                .toList();
        return sameVersion.size() == 1 ? latest : null;
    }

    public Collection<Profile> all() {
        return profiles.values();
    }

    public List<Profile> forService(String serviceName) {
        List<Profile> out = new ArrayList<>();
        for (Profile p : profiles.values()) {
            if (p.key().serviceName().equals(serviceName)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Saves failed since start (each is retried at the next flush). */
    public long flushFailures() {
        return flushFailures.get();
    }

    /**
     * Saves every profile whose baseline changed, and those whose statistics changed at least
     * {@code statsFlushInterval} after their last save ({@code force}: all dirty ones).
     *
     * @return profiles saved
     * @throws IllegalStateException after trying every dirty profile, when any save failed
     */
    public int flush(boolean force) {
        synchronized (flushLock) {
            long now = clock.millis();
            int saved = 0;
            RuntimeException failure = null;
            for (ProfileKey gone; (gone = retired.peek()) != null; retired.poll()) {
                try {
                    store.delete(gone);
                } catch (RuntimeException e) {
                    failure = e; // kept in the queue, tried again at the next flush
                    break;
                }
            }
            for (Profile p : profiles.values()) {
                boolean due;
                synchronized (p) {
                    due = p.dirtyBaseline || (p.dirtyStats && (force || now - p.lastSavedMillis >= statsFlushMillis));
                }
                if (!due) {
                    continue;
                }
                try {
                    store.save(p, now, policy.statsBaselineIntervals());
                    saved++;
                } catch (RuntimeException e) {
                    flushFailures.incrementAndGet();
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return saved;
        }
    }

    /** Saves everything dirty now. */
    public int flush() {
        return flush(true);
    }

    private void flushQuietly() {
        try {
            flush(false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "profile write-behind failed, will retry: " + e.getMessage(), e);
        }
    }

    /** Stops the write-behind thread and flushes. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush(true);
    }
}
