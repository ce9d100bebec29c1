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
 * final stats exactly once, after the key (or, when the claiming thread never fills it within {@link #MAX_SPINS}
 * spins and yields, to an abandoned mark read as absent, so no later caller waits); entries are never removed, so
 * no lookup can miss an entry it raced with other than by seeing a null value (treated as "not yet there").
 * Capacity is the key cap, the reserve for input-correlated keys ({@link #INPUT_RESERVE}), and room for the overflow
 * keys, which never count against the cap.
 *
 * <p>Concurrency: any number of readers and writers.
 */
public final class KeyTable {
    /**
     * Spins waiting for a claimed slot's stats before giving up: a thread that dies between its two writes (an
     * {@code OutOfMemoryError}, a {@code StackOverflowError}) must not make later callers spin forever.
     */
    static final int MAX_SPINS = 10_000;
    /** The stats of a slot whose claimer never filled it: read as absent, counted as overflow. */
    private static final KeyStats ABANDONED = new KeyStats(0, "abandoned", 0, null, 0, false,
            java.util.Collections.<String>emptyList(), java.util.Collections.<String, Object>emptyMap(), null);
    /**
     * Keys kept past the cap for calls a request input reached: a flood of distinct keys that fills the table must
     * not hide the injection that follows it.
     */
    public static final int INPUT_RESERVE = 64;
    private final int maxKeys;
    private final int mask;
    final AtomicLongArray keys; // package-private: a test claims a slot without filling it
    private final AtomicReferenceArray<KeyStats> values;
    private final AtomicInteger size = new AtomicInteger();

    public KeyTable(int maxKeys) {
        this.maxKeys = maxKeys;
        int capacity = Integer.highestOneBit(Math.max(16, (maxKeys + INPUT_RESERVE + 64) * 2 - 1)) << 1;
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
                KeyStats v = values.get(i);
                return v == ABANDONED ? null : v;
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
     * @return the stats now held for the key (the given or the existing one), or null when the cap is reached or
     *         the key's slot was claimed but not filled within {@link #MAX_SPINS} spins
     */
    public KeyStats putIfAbsent(KeyStats stats, boolean overflowKey) {
        return put(stats, overflowKey ? Integer.MAX_VALUE : maxKeys);
    }

    /** {@link #putIfAbsent} for the key of calls a request input reached: up to {@link #INPUT_RESERVE} past the cap. */
    public KeyStats putInputCorrelated(KeyStats stats) {
        return put(stats, maxKeys + INPUT_RESERVE);
    }

    private KeyStats put(KeyStats stats, int limit) {
        long key = stats.packedKey;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys.get(i);
            if (k == 0) {
                if (size.get() >= limit) {
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
                for (int spins = 0; existing == null; spins++) { // the winner is between its two writes
                    if (spins == MAX_SPINS) {
                        // The winner died there, or stalls: mark the slot abandoned so that no later caller spins,
                        // and count this call as overflow. If the stats arrive meanwhile, they win.
                        if (values.compareAndSet(i, null, ABANDONED)) {
                            return null;
                        }
                    } else if (spins < MAX_SPINS) {
                        if (spins < 64) {
                            Thread.onSpinWait();
                        } else {
                            Thread.yield(); // a descheduled winner needs the core
                        }
                    }
                    existing = values.get(i);
                }
                return existing == ABANDONED ? null : existing;
            }
        }
    }

    public void forEach(Consumer<KeyStats> action) {
        for (int i = 0; i <= mask; i++) {
            KeyStats s = values.get(i);
            if (s != null && s != ABANDONED) {
                action.accept(s);
            }
        }
    }

    /** Whether the cap is reached: no key but the overflow keys can be added any more. One volatile read. */
    public boolean full() {
        return size.get() >= maxKeys;
    }

    /** Whether even the reserve for input-correlated keys is used up. */
    public boolean fullForInputs() {
        return size.get() >= maxKeys + INPUT_RESERVE;
    }

    public int size() {
        return size.get();
    }

    public int capacity() {
        return maxKeys;
    }
}
