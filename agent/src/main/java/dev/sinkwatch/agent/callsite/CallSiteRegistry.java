package dev.sinkwatch.agent.callsite;

import dev.sinkwatch.contract.OverflowMarkers;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns call sites to small int ids. Ids are what woven code passes to {@code SinkBridge.mark} and what keys
 * pack, so a steady-state sink call never touches a string. The same location gets the same id whether it was
 * found by weaving or by a stack walk.
 *
 * <p>Concurrency: registration (class loading, slow-path stack walks) takes a lock; {@link #get(int)} reads a
 * volatile array without one. Ids are never reused; memory grows with the number of distinct locations woven
 * (about 100 bytes each).
 */
public final class CallSiteRegistry {

    /** Id 0 means "no call site"; 1 is the overflow pseudo call site. */
    public static final int NONE = 0;
    public static final int OVERFLOW = 1;
    /** Keys pack ids in 28 bits. */
    static final int MAX_ID = (1 << 28) - 1;

    private final ConcurrentHashMap<String, CallSite> byLocation = new ConcurrentHashMap<>();
    private volatile CallSite[] byId = new CallSite[1024];
    private int next = 2;

    public CallSiteRegistry() {
        byId[OVERFLOW] = new CallSite(OVERFLOW, OverflowMarkers.CALL_SITE_CLASS, OverflowMarkers.CALL_SITE_METHOD, "", 0);
    }

    public int register(String className, String methodName, String fileName, int line) {
        String location = className + '#' + methodName + ':' + line;
        CallSite known = byLocation.get(location);
        if (known != null) {
            return known.id;
        }
        synchronized (this) {
            known = byLocation.get(location);
            if (known != null) {
                return known.id;
            }
            if (next > MAX_ID) {
                return OVERFLOW;
            }
            int id = next++;
            CallSite site = new CallSite(id, className, methodName, fileName, line);
            CallSite[] table = byId;
            if (id >= table.length) {
                CallSite[] bigger = new CallSite[table.length * 2];
                System.arraycopy(table, 0, bigger, 0, table.length);
                table = bigger;
            }
            table[id] = site;
            byId = table;
            byLocation.put(location, site);
            return id;
        }
    }

    /** The call site with this id, or null. */
    public CallSite get(int id) {
        CallSite[] table = byId;
        return id > 0 && id < table.length ? table[id] : null;
    }

    public int size() {
        return byLocation.size();
    }
}
