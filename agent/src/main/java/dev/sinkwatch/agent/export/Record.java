package dev.sinkwatch.agent.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exported record: its attributes in order, with values of type String, Long, Boolean, List&lt;String&gt; or
 * long[]. Built on the export thread only.
 */
final class Record {
    final long timestampMillis;
    final Map<String, Object> attributes = new LinkedHashMap<>();

    Record(long timestampMillis) {
        this.timestampMillis = timestampMillis;
    }

    Record put(String key, Object value) {
        if (value != null) {
            attributes.put(key, value);
        }
        return this;
    }

    String string(String key) {
        Object v = attributes.get(key);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String key) {
        return (List<String>) attributes.get(key);
    }
}
