package dev.sinkwatch.agent.aggregate;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values: what the agent learns about
 * the application's connections and statements without keeping them alive.
 *
 * <p>{@link #get(Object, Lookup)} does not allocate when the caller supplies a reusable {@link Lookup} (one per
 * thread). Entries of collected keys are purged on writes.
 *
 * <p>Concurrency: any number of threads.
 */
public final class WeakIdentityMap<V> {
    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final int maxEntries;

    public WeakIdentityMap(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** A mutable probe key; reuse one per thread. */
    public static final class Lookup {
        private Object referent;
        private int hash;

        Lookup set(Object referent) {
            this.referent = referent;
            this.hash = System.identityHashCode(referent);
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakKey && ((WeakKey) other).get() == referent;
        }
    }

    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (other instanceof WeakKey) {
                Object mine = get();
                return mine != null && mine == ((WeakKey) other).get();
            }
            return other instanceof Lookup && other.equals(this);
        }
    }

    public V get(Object key, Lookup lookup) {
        V v = map.get(lookup.set(key));
        lookup.referent = null;
        return v;
    }

    public void remove(Object key, Lookup lookup) {
        map.remove(lookup.set(key));
        lookup.referent = null;
    }

    public void put(Object key, V value) {
        purge();
        if (map.size() >= maxEntries) {
            return; // bounded: an application leaking statements must not make the agent leak too
        }
        map.put(new WeakKey(key, collected), value);
    }

    private void purge() {
        Object ref;
        while ((ref = collected.poll()) != null) {
            map.remove(ref);
        }
    }

    /** Whether the map holds no entry (collected keys not yet purged count): cheaper than a lookup. */
    public boolean isEmpty() {
        return map.isEmpty();
    }

    public int size() {
        return map.size();
    }
}
