package dev.sinkwatch.collector.ingest;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte caps on every string an agent sends and on the number of frames and attributes, applied to each decoded
 * record before it is queued: what a record can cost in memory, in the profiles, in detection time and in the
 * database is bounded whatever the sender writes. A capped string keeps its first bytes (cut on a character
 * boundary) and ends with {@link #MARKER}, so a truncated value is visibly truncated and never mistaken for the
 * whole; nothing is rejected for being long.
 *
 * <p>Names (service name and version, instance id, operation, key) are capped lowest, because they are labels and
 * database keys; frames, code location and attribute values at {@code maxFieldBytes}; the target, the detectors'
 * input, at {@code maxTargetBytes}.
 *
 * <p>Concurrency: immutable.
 */
public record FieldLimits(int maxNameBytes, int maxFieldBytes, int maxTargetBytes, int maxFrames, int maxAttributes) {

    /** Appended to a value that was cut. */
    public static final String MARKER = "...[truncated]";

    public static final FieldLimits DEFAULTS = new FieldLimits(200, 1024, 8192, 64, 32);

    /** The observation with every field within the limits; the same instance when nothing needed cutting. */
    public Observation apply(Observation o) {
        if (fits(o)) {
            return o;
        }
        ServiceId service = new ServiceId(name(o.service().name()), o.service().version() == null ? null
                : name(o.service().version()));
        CallSite site = o.callSite();
        List<String> frames = new ArrayList<>(Math.min(site.frames().size(), maxFrames));
        for (String frame : site.frames().subList(0, Math.min(site.frames().size(), maxFrames))) {
            frames.add(field(frame));
        }
        CallSite callSite = new CallSite(field(site.function()), field(site.file()), site.line(), frames,
                site.appOrigin());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : o.attributes().entrySet()) {
            if (attributes.size() == maxAttributes) {
                break;
            }
            attributes.put(name(e.getKey()), field(e.getValue()));
        }
        return new Observation(service, o.instanceId() == null ? null : name(o.instanceId()),
                o.revision() == null ? null : name(o.revision()), name(o.key()), o.kind(), name(o.operation()),
                cut(o.target(), maxTargetBytes), callSite, o.firstSighting(), o.error(), o.count(), o.errors(),
                o.durationSumNanos(), o.durationMaxNanos(), o.durationBuckets(), attributes, o.startUnixMillis(),
                o.endUnixMillis());
    }

    /** A label-like value (service name, instance id) within {@code maxNameBytes}. */
    public String name(String value) {
        return cut(value, maxNameBytes);
    }

    private String field(String value) {
        return cut(value, maxFieldBytes);
    }

    private boolean fits(Observation o) {
        CallSite site = o.callSite();
        if (site.frames().size() > maxFrames || o.attributes().size() > maxAttributes
                || !within(o.target(), maxTargetBytes) || !within(site.function(), maxFieldBytes)
                || !within(site.file(), maxFieldBytes) || !within(o.service().name(), maxNameBytes)
                || !within(o.service().version(), maxNameBytes) || !within(o.instanceId(), maxNameBytes)
                || !within(o.revision(), maxNameBytes) || !within(o.key(), maxNameBytes)
                || !within(o.operation(), maxNameBytes)) {
            return false;
        }
        for (String frame : site.frames()) {
            if (!within(frame, maxFieldBytes)) {
                return false;
            }
        }
        for (Map.Entry<String, String> e : o.attributes().entrySet()) {
            if (!within(e.getKey(), maxNameBytes) || !within(e.getValue(), maxFieldBytes)) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(String value, int maxBytes) {
        return value == null || value.length() * 3 <= maxBytes || cutIndex(value, maxBytes) == value.length();
    }

    /** {@code value} if its UTF-8 form fits {@code maxBytes}, else its longest prefix that does, plus the marker. */
    static String cut(String value, int maxBytes) {
        if (value == null || value.length() * 3 <= maxBytes) {
            return value;
        }
        int end = cutIndex(value, maxBytes);
        return end == value.length() ? value : value.substring(0, end) + MARKER;
    }

    /** The end of the longest prefix whose UTF-8 encoding fits {@code maxBytes}, never inside a surrogate pair. */
    private static int cutIndex(String value, int maxBytes) {
        long bytes = 0;
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int chars = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)) ? 2 : 1;
            int size = chars == 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes) {
                return i;
            }
            bytes += size;
            i += chars;
        }
        return i;
    }
}
