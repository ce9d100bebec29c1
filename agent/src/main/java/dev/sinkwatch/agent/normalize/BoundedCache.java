package dev.sinkwatch.agent.normalize;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fill-once string-to-string cache: entries are added until a bound is hit, then never evicted and never added.
 * Normalised targets are few and stable per application, so the first {@code maxEntries} distinct inputs are the
 * ones worth keeping; eviction would only add write traffic on the hot path.
 *
 * <p>Bounds: at most {@code maxEntries} entries, no key longer than {@code maxKeyChars}, and at most
 * {@code maxTotalChars} characters over all keys and values. Memory per entry: about 80 bytes of map node and
 * table slot plus the two strings (~40 bytes of header each, then 1 byte per char for Latin-1 text, 2 otherwise);
 * the key is the caller's own string, kept alive by the cache.
 *
 * <p>Concurrency: {@link #get} is a plain {@link ConcurrentHashMap#get}: lock-free and allocation-free.
 * {@link #offer} reserves an entry slot ({@code reservedEntries}) and a share of the character budget
 * ({@code reservedChars}) with atomic increments before inserting, and gives both back when it loses a
 * {@code putIfAbsent} race or a bound is exceeded, so the bounds hold exactly under any interleaving. A reservation
 * held for an instant by a losing thread can make another thread's insert fail; that insert is counted as
 * uncached and retried on that key's next miss. {@code uncached} counts every miss that was not inserted.
 */
final class BoundedCache {
    private final ConcurrentHashMap<String, String> map;
    private final int maxEntries;
    private final int maxKeyChars;
    private final long maxTotalChars;
    private final AtomicInteger reservedEntries = new AtomicInteger();
    private final AtomicLong reservedChars = new AtomicLong();
    private final LongAdder uncached = new LongAdder();

    BoundedCache(int maxEntries, int maxKeyChars, long maxTotalChars) {
        if (maxEntries < 0 || maxKeyChars < 0 || maxTotalChars < 0) {
            throw new IllegalArgumentException("bounds must be >= 0");
        }
        this.maxEntries = maxEntries;
        this.maxKeyChars = maxKeyChars;
        this.maxTotalChars = maxTotalChars;
        this.map = new ConcurrentHashMap<>(Math.min(maxEntries, 1 << 16) * 4 / 3 + 1);
    }

    String get(String key) {
        return map.get(key);
    }

    /** Inserts {@code key -> value} unless a bound forbids it (then counts it as uncached). */
    void offer(String key, String value) {
        if (key.length() > maxKeyChars || reservedEntries.get() >= maxEntries) {
            uncached.increment();
            return;
        }
        if (reservedEntries.incrementAndGet() > maxEntries) {
            reservedEntries.decrementAndGet();
            uncached.increment();
            return;
        }
        long cost = (long) key.length() + value.length();
        if (reservedChars.addAndGet(cost) > maxTotalChars) {
            reservedChars.addAndGet(-cost);
            reservedEntries.decrementAndGet();
            uncached.increment();
            return;
        }
        if (map.putIfAbsent(key, value) != null) {
            reservedChars.addAndGet(-cost);
            reservedEntries.decrementAndGet();
        }
    }

    int size() {
        return map.size();
    }

    long uncachedCount() {
        return uncached.sum();
    }

    long cachedChars() {
        return reservedChars.get();
    }
}
