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
 * and 4 Mi chars (4-8 MiB) per {@link SqlDialect} in use (a fingerprint depends on the dialect, so each has its
 * own cache; most applications talk to one).
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

    private final BoundedCache[] caches = new BoundedCache[SqlDialect.values().length];

    /**
     * @param maxEntries the most statements kept; 0 disables caching
     * @throws IllegalArgumentException if negative
     */
    public SqlFingerprintCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0: " + maxEntries);
        }
        for (int i = 0; i < caches.length; i++) {
            caches[i] = new BoundedCache(maxEntries, MAX_CACHED_SQL_CHARS, (long) maxEntries * CHARS_PER_ENTRY);
        }
    }

    /** The same result as {@link SqlFingerprint#fingerprint(String)} (the unknown dialect), cached. */
    public String fingerprint(String sql) {
        return fingerprint(sql, SqlDialect.UNKNOWN);
    }

    /** The same result as {@link SqlFingerprint#fingerprint(String, SqlDialect)}, cached. */
    public String fingerprint(String sql, SqlDialect dialect) {
        if (sql == null) {
            return "";
        }
        SqlDialect d = dialect == null ? SqlDialect.UNKNOWN : dialect;
        BoundedCache cache = caches[d.ordinal()];
        String cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        String fingerprint = SqlFingerprint.fingerprint(sql, d);
        cache.offer(sql, fingerprint);
        return fingerprint;
    }

    /** Statements cached, over all dialects. */
    public int size() {
        int size = 0;
        for (BoundedCache cache : caches) {
            size += cache.size();
        }
        return size;
    }

    /** Misses that were not cached (a bound was reached or the SQL was too long), since creation. */
    public long uncachedCount() {
        long count = 0;
        for (BoundedCache cache : caches) {
            count += cache.uncachedCount();
        }
        return count;
    }
}
