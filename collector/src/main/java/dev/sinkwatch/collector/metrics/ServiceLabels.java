package dev.sinkwatch.collector.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code service} label bounded: the first {@code maxServices} distinct names are used as they are, later
 * ones become {@code other}. Call sites and targets are never labels (docs/collector.md, "Metrics"), so the number
 * of series stays bounded.
 *
 * <p>Concurrency: thread-safe; the admitted set only grows, and may exceed the cap by the number of threads racing
 * on the last slot (harmless).
 */
public final class ServiceLabels {

    public static final String OTHER = "other";

    private final int maxServices;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public ServiceLabels(int maxServices) {
        this.maxServices = maxServices;
    }

    public String label(String service) {
        if (admitted.contains(service)) {
            return service;
        }
        if (admitted.size() < maxServices) {
            admitted.add(service);
            return service;
        }
        return OTHER;
    }
}
