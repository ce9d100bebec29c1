package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.contract.LatencyBucketEncoding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class KeyTableTest {
    private static final Target TARGET = new Target(1, "file", "/x", false);

    private static KeyStats stats(long key) {
        return new KeyStats(key, "k" + key, 10, TARGET, 2, true, List.of(), Map.of(), null);
    }

    @Test
    void aSlotClaimedByAThreadThatDiedIsGivenUpAfterBoundedSpins() {
        KeyTable table = new KeyTable(16);
        long key = 42;
        // a thread claimed the key's slot (its first write) and died before publishing the stats (its second);
        // every slot holds the key, so wherever it hashes, the probe meets the claimed, unfilled slot
        for (int i = 0; i < table.keys.length(); i++) {
            table.keys.set(i, key);
        }
        assertNull(table.putIfAbsent(stats(key), false), "a later caller gives up (counted as overflow)");
        assertNull(table.putIfAbsent(stats(key), true), "a later one finds the slot abandoned: no spin at all");
        assertNull(table.get(key), "an abandoned slot reads as absent");
    }

    @Test
    void findsWhatWasPutAndNothingElse() {
        KeyTable table = new KeyTable(100);
        KeyStats a = stats(Recorder.pack(5, 10, 7));
        assertSame(a, table.putIfAbsent(a, false));
        assertSame(a, table.get(Recorder.pack(5, 10, 7)));
        assertNull(table.get(Recorder.pack(5, 10, 8)));
        assertSame(a, table.putIfAbsent(stats(Recorder.pack(5, 10, 7)), false), "the first wins");
        assertEquals(1, table.size());
    }

    @Test
    void theCapRefusesNewKeysButNotOverflowKeys() {
        KeyTable table = new KeyTable(3);
        for (int i = 1; i <= 3; i++) {
            table.putIfAbsent(stats(Recorder.pack(i, 10, i)), false);
        }
        assertNull(table.putIfAbsent(stats(Recorder.pack(4, 10, 4)), false));
        KeyStats overflow = stats(Recorder.pack(1, 11, 99));
        assertSame(overflow, table.putIfAbsent(overflow, true));
        assertEquals(4, table.size());
    }

    /** Many threads racing to add the same and different keys: each key ends with exactly one winner. */
    @Test
    void concurrentPutsAgreeOnOneStatsPerKey() throws Exception {
        KeyTable table = new KeyTable(10_000);
        int threads = 4;
        Map<Long, Set<KeyStats>> seen = new HashMap<>();
        for (long k = 1; k <= 2_000; k++) {
            seen.put(Recorder.pack((int) k, 20, (int) (k % 7)), Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>())));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    for (Map.Entry<Long, Set<KeyStats>> e : seen.entrySet()) {
                        KeyStats held = table.putIfAbsent(stats(e.getKey()), false);
                        e.getValue().add(held);
                        held.record(100, false);
                    }
                } catch (Throwable x) {
                    failures.incrementAndGet();
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, failures.get());
        assertEquals(2_000, table.size());
        long[] drained = new long[KeyStats.CELLS];
        for (Map.Entry<Long, Set<KeyStats>> e : seen.entrySet()) {
            assertEquals(1, e.getValue().size(), "one stats object per key");
            KeyStats s = table.get(e.getKey());
            assertEquals(threads, s.drain(drained), "every thread's call counted once");
        }
    }

    @Test
    void drainResetsAndReportsTheInterval() {
        KeyStats s = stats(1);
        s.record(100, false);
        s.record(3_000, true);
        long[] d = new long[KeyStats.CELLS];
        assertEquals(2, s.drain(d));
        assertEquals(1, KeyStats.errors(d));
        assertEquals(3_100, KeyStats.sumNanos(d));
        assertEquals(3_000, KeyStats.maxNanos(d));
        assertEquals(1, KeyStats.bucket(d, LatencyBucketEncoding.index(100)));
        assertEquals(1, KeyStats.bucket(d, LatencyBucketEncoding.index(3_000)));
        assertEquals(0, s.drain(d), "an idle key drains nothing");
    }
}
