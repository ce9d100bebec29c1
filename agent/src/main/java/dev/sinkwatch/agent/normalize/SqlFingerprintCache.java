package dev.sinkwatch.agent.normalize;

/**
 * {@link SqlFingerprint#fingerprint} behind a bounded, fill-once cache: a hit is one
 * {@code ConcurrentHashMap.get} and allocates nothing.
 *
 * <p>Bounds: at most {@code maxEntries} entries; SQL longer than {@value #MAX_CACHED_SQL_CHARS} chars is
 * fingerprinted but never cached; at most {@value #CHARS_PER_ENTRY} chars per entry on average over all keys and
 * values ({@code maxEntries * CHARS_PER_ENTRY} in total), so a cache of long statements cannot grow to
 * {@code maxEntries * 32 KiB}. When a bound is reached, new statements are no longer inserted (nothing is evicted)
 * and each such miss is counted by {@link #uncachedCount()}. Memory per entry: about 160 bytes plus the SQL text
 * and its fingerprint (1 byte per char for Latin-1 text, 2 otherwise); {@link #SHARED} holds at most 4096 entries
 * and 4 Mi chars (4-8 MiB).
 *
 * <p>Concurrency: thread-safe; see {@link BoundedCache}. Two threads missing the same statement both fingerprint
 * it; one result is kept (they are equal).
 */
public final class SqlFingerprintCache {
    /** Longer SQL is fingerprinted on every call and never cached. */
    public static final int MAX_CACHED_SQL_CHARS = 16 * 1024;
    /** Average budget of characters (SQL plus fingerprint) per entry. */
    public static final int CHARS_PER_ENTRY = 1024;
    /** The agent's cache: 4096 entries. */
    public static final SqlFingerprintCache SHARED = new SqlFingerprintCache(4096);

    private final BoundedCache cache;

    /**
     * @param maxEntries the most statements kept; 0 disables caching
     * @throws IllegalArgumentException if negative
     */
    public SqlFingerprintCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0: " + maxEntries);
        }
        this.cache = new BoundedCache(maxEntries, MAX_CACHED_SQL_CHARS, (long) maxEntries * CHARS_PER_ENTRY);
    }

    /** The same result as {@link SqlFingerprint#fingerprint(String)}, cached. */
    public String fingerprint(String sql) {
        if (sql == null) {
            return "";
        }
        String cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        String fingerprint = SqlFingerprint.fingerprint(sql);
        cache.offer(sql, fingerprint);
        return fingerprint;
    }

    /** Statements cached. */
    public int size() {
        return cache.size();
    }

    /** Misses that were not cached (a bound was reached or the SQL was too long), since creation. */
    public long uncachedCount() {
        return cache.uncachedCount();
    }
}
