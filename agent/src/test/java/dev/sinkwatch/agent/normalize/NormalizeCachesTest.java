package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NormalizeCachesTest {

    @Nested
    @DisplayName("SqlFingerprintCache")
    class SqlCache {
        @Test
        void returnsTheFingerprintAndTheSameInstanceOnAHit() {
            SqlFingerprintCache cache = new SqlFingerprintCache(8);
            String sql = "select * from t where id = 42";
            String first = cache.fingerprint(sql);
            assertEquals("select * from t where id = ?", first);
            assertSame(first, cache.fingerprint(new String(sql.toCharArray())));
            assertEquals(1, cache.size());
            assertEquals(0, cache.uncachedCount());
        }

        @Test
        void stopsInsertingWhenFullAndCountsTheMisses() {
            SqlFingerprintCache cache = new SqlFingerprintCache(3);
            for (int i = 0; i < 5; i++) {
                assertEquals("select ? from t" + i, cache.fingerprint("select 1 from t" + i));
            }
            assertEquals(3, cache.size());
            assertEquals(2, cache.uncachedCount());
            // the first three stay (no eviction), the others are recomputed and counted each time
            cache.fingerprint("select 1 from t0");
            assertEquals(2, cache.uncachedCount());
            assertEquals("select ? from t4", cache.fingerprint("select 1 from t4"));
            assertEquals(3, cache.uncachedCount());
            assertEquals(3, cache.size());
        }

        @Test
        void neverCachesSqlLongerThan16KiB() {
            SqlFingerprintCache cache = new SqlFingerprintCache(32); // char budget 32 Ki: room for one 16 KiB entry
            String atLimit = "select 1" + " ".repeat(SqlFingerprintCache.MAX_CACHED_SQL_CHARS - 8);
            String over = atLimit + " ";
            assertEquals("select ?", cache.fingerprint(atLimit));
            assertEquals(1, cache.size());
            assertEquals("select ?", cache.fingerprint(over));
            assertEquals("select ?", cache.fingerprint(over));
            assertEquals(1, cache.size());
            assertEquals(2, cache.uncachedCount());
        }

        @Test
        void boundsTheCharactersHeld() {
            SqlFingerprintCache cache = new SqlFingerprintCache(2); // budget: 2 * 1024 chars
            String big = "select 1 from t where x = 1" + " ".repeat(1500);
            cache.fingerprint(big);
            cache.fingerprint(big + "  ");
            assertEquals(1, cache.size());
            assertEquals(1, cache.uncachedCount());
            cache.fingerprint("select 2");
            assertEquals(2, cache.size());
        }

        @Test
        void zeroDisablesCachingAndNegativeIsRejected() {
            SqlFingerprintCache cache = new SqlFingerprintCache(0);
            assertEquals("select ?", cache.fingerprint("select 1"));
            assertEquals(0, cache.size());
            assertEquals(1, cache.uncachedCount());
            assertThrows(IllegalArgumentException.class, () -> new SqlFingerprintCache(-1));
        }

        @Test
        void nullIsEmpty() {
            assertEquals("", new SqlFingerprintCache(1).fingerprint(null));
        }

        @Test
        void sharedHas4096Entries() {
            SqlFingerprintCache shared = SqlFingerprintCache.SHARED;
            assertEquals("select ? from shared_test", shared.fingerprint("select 7 from shared_test"));
            assertTrue(shared.size() >= 1 && shared.size() <= 4096);
        }

        @Test
        void concurrentUseKeepsTheBoundAndAlwaysAnswersCorrectly() throws Exception {
            int capacity = 64;
            int distinct = 256;
            int threads = 8;
            SqlFingerprintCache cache = new SqlFingerprintCache(capacity);
            List<String> sqls = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                sqls.add("select c" + i + " from t where id = " + i + " and name = 'n" + i + "'");
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 31;
                    Callable<Integer> task = () -> {
                        start.await();
                        int checked = 0;
                        for (int round = 0; round < 20; round++) {
                            for (int k = 0; k < distinct; k++) {
                                int i = (k + offset + round) % distinct;
                                String expected = "select c" + i + " from t where id = ? and name = ?";
                                assertEquals(expected, cache.fingerprint(sqls.get(i)));
                                checked++;
                            }
                        }
                        return checked;
                    };
                    results.add(pool.submit(task));
                }
                start.countDown();
                int total = 0;
                for (Future<Integer> f : results) {
                    total += f.get();
                }
                assertEquals(threads * 20 * distinct, total);
            } finally {
                pool.shutdownNow();
            }
            assertTrue(cache.size() <= capacity, "size " + cache.size());
            assertTrue(cache.size() > 0);
            // every call for a key that is not cached is a counted miss: at least (distinct - capacity) per pass
            assertTrue(cache.uncachedCount() >= (long) (distinct - capacity) * threads * 20 - threads * capacity,
                    "uncached " + cache.uncachedCount());
            // the cached entries are correct fingerprints
            for (String sql : sqls) {
                assertEquals(SqlFingerprint.fingerprint(sql), cache.fingerprint(sql));
            }
        }
    }

    @Nested
    @DisplayName("BoundedCache")
    class Bounded {
        @Test
        void racingInsertsOfTheSameKeysNeverExceedTheBounds() throws Exception {
            BoundedCache cache = new BoundedCache(10, 100, 10_000);
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 1000; i++) {
                            String key = "k" + (i % 40);
                            cache.offer(key, "v" + (i % 40));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(cache.size() <= 10, "size " + cache.size());
            assertTrue(cache.size() > 0);
            long chars = 0;
            for (int i = 0; i < 40; i++) {
                String v = cache.get("k" + i);
                if (v != null) {
                    assertEquals("v" + i, v);
                    chars += ("k" + i).length() + v.length();
                }
            }
            assertEquals(chars, cache.cachedChars(), "reserved characters match the entries held");
        }
    }

    @Nested
    @DisplayName("PathFolder.foldCached")
    class PathCache {
        @Test
        void concurrentFoldsAgreeWithFold() throws Exception {
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int seed = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 2000; i++) {
                            String raw = "/srv/concurrent/" + ((i + seed) % 300) + "/file-" + (i % 7) + ".log";
                            assertEquals("/srv/concurrent/*/file-*.log", PathFolder.foldCached(raw));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(PathFolder.cacheSize() <= PathFolder.CACHE_ENTRIES);
        }
    }
}
