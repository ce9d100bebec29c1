package dev.sinkwatch.collector.pipeline;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the stack frames of each call site from its first sightings and gives them to later delta records,
 * which carry only {@code code.*} (docs/agent-output.md). So every observation, and every alert raised or repeated
 * from one, names the full call path.
 *
 * <p>Bounded: at most {@code maxCallSites} entries (about 1 KB each); when full, new call sites are not remembered
 * and their deltas keep empty frames. Concurrency: a concurrent map; lists are immutable.
 */
final class CallSiteFrames {

    private final int maxCallSites;
    private final Map<String, List<String>> frames = new ConcurrentHashMap<>();

    CallSiteFrames(int maxCallSites) {
        this.maxCallSites = maxCallSites;
    }

    Observation complete(Observation o) {
        CallSite site = o.callSite();
        String key = o.service().name() + '\u0000' + site.id();
        if (!site.frames().isEmpty()) {
            if (o.firstSighting() && (frames.size() < maxCallSites || frames.containsKey(key))) {
                frames.put(key, site.frames());
            }
            return o;
        }
        List<String> known = frames.get(key);
        if (known == null) {
            return o;
        }
        return new Observation(o.service(), o.instanceId(), o.revision(), o.key(), o.kind(), o.operation(), o.target(),
                new CallSite(site.function(), site.file(), site.line(), known, site.appOrigin()), o.firstSighting(),
                o.error(), o.count(), o.errors(), o.durationSumNanos(), o.durationMaxNanos(), o.durationBuckets(),
                o.attributes(), o.startUnixMillis(), o.endUnixMillis());
    }

    int size() {
        return frames.size();
    }
}
