package dev.sinkwatch.agent.aggregate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Fixed-capacity, lock-free map from packed keys to {@link KeyStats}: open addressing with linear probing over a
 * power-of-two table at most half full, so a lookup is a multiply, a mask and usually one probe.
 *
 * <p>Invariants: a slot's key goes from 0 to its final value exactly once (CAS) and its value from null to its
 * final stats exactly once, after the key; entries are never removed, so no lookup can miss an entry it raced
 * with other than by seeing a null value (treated as "not yet there"). Capacity is the key cap plus room for
 * the overflow keys, which never count against the cap.
 *
 * <p>Concurrency: any number of readers and writers.
 */
public final class KeyTable {
    private final int maxKeys;
    private final int mask;
    private final AtomicLongArray keys;
    private final AtomicReferenceArray<KeyStats> values;
    private final AtomicInteger size = new AtomicInteger();

    public KeyTable(int maxKeys) {
        this.maxKeys = maxKeys;
        int capacity = Integer.highestOneBit(Math.max(16, (maxKeys + 64) * 2 - 1)) << 1;
        this.mask = capacity - 1;
        this.keys = new AtomicLongArray(capacity);
        this.values = new AtomicReferenceArray<>(capacity);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The stats of a key, or null. Hot path: allocation-free. */
    public KeyStats get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys.get(i);
            if (k == key) {
                return values.get(i);
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /**
     * Adds {@code stats} under its key unless one is there already.
     *
     * @param overflowKey true for the per-kind overflow keys, which bypass the cap
     * @return the stats now held for the key (the given or the existing one), or null when the cap is reached
     */
    public KeyStats putIfAbsent(KeyStats stats, boolean overflowKey) {
        long key = stats.packedKey;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys.get(i);
            if (k == 0) {
                if (!overflowKey && size.get() >= maxKeys) {
                    return null;
                }
                if (keys.compareAndSet(i, 0, key)) {
                    size.incrementAndGet();
                    values.set(i, stats);
                    return stats;
                }
                k = keys.get(i);
            }
            if (k == key) {
                KeyStats existing = values.get(i);
                while (existing == null) { // the winner is between its two writes
                    Thread.onSpinWait();
                    existing = values.get(i);
                }
                return existing;
            }
        }
    }

    public void forEach(Consumer<KeyStats> action) {
        for (int i = 0; i <= mask; i++) {
            KeyStats s = values.get(i);
            if (s != null) {
                action.accept(s);
            }
        }
    }

    public int size() {
        return size.get();
    }

    public int capacity() {
        return maxKeys;
    }
}
