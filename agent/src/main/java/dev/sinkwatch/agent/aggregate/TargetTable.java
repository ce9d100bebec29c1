package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.contract.OverflowMarkers;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns normalised targets of one kind to {@link Target}s with ids unique across all kinds.
 *
 * <p>Bounded: past {@code maxTargets} distinct targets of a kind, further ones share the kind's
 * {@code (overflow)} target, so a flood of unique paths or SQL texts cannot grow memory.
 *
 * <p>Concurrency: lock-free reads; an id may be wasted when two threads intern the same text at once.
 */
public final class TargetTable {
    /** Keys pack target ids in 28 bits. */
    static final int MAX_ID = (1 << 28) - 1;
    /** The kind of the table of overflow keys; never on the wire: their records carry the kind of their operation. */
    public static final String OVERFLOW_KIND = "overflow";
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

    private final String kind;
    private final int maxTargets;
    private final ConcurrentHashMap<String, Target> targets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Target> traversals = new ConcurrentHashMap<>();
    private final Target overflow;

    public TargetTable(String kind, int maxTargets) {
        this.kind = kind;
        this.maxTargets = maxTargets;
        this.overflow = new Target(NEXT_ID.getAndIncrement(), kind, OverflowMarkers.TARGET, false);
    }

    public Target intern(String text) {
        return intern(text, false);
    }

    public Target intern(String text, boolean traversal) {
        ConcurrentHashMap<String, Target> map = traversal ? traversals : targets;
        Target t = map.get(text);
        if (t != null) {
            return t;
        }
        if (targets.size() + traversals.size() >= maxTargets) {
            return overflow;
        }
        int id = NEXT_ID.getAndIncrement();
        if (id > MAX_ID) {
            return overflow;
        }
        Target fresh = new Target(id, kind, text, traversal);
        Target raced = map.putIfAbsent(text, fresh);
        return raced != null ? raced : fresh;
    }

    public Target overflow() {
        return overflow;
    }

    public int size() {
        return targets.size() + traversals.size();
    }
}
