package dev.sinkwatch.collector.model;

import dev.sinkwatch.contract.SinkKind;
import java.util.Map;
import java.util.Objects;

/**
 * One agent record about one key, decoded from OTLP: a {@code sinkwatch.sink.new} record ({@code firstSighting})
 * or a {@code sinkwatch.sink.delta} record. See docs/agent-output.md for every field's source attribute.
 *
 * @param durationBuckets sparse latency histogram, pairs {@code index, count}; bucket {@code i} starts at
 *                        {@code 2^(i/2)} ns for even {@code i} and {@code 1.5 * 2^(i/2)} ns for odd {@code i}
 * @param attributes      every other attribute of the record, stringified (db.system.name, server.address, ...)
 */
public record Observation(
        ServiceId service,
        String instanceId,
        String revision,
        String key,
        SinkKind kind,
        String operation,
        String target,
        CallSite callSite,
        boolean firstSighting,
        boolean error,
        long count,
        long errors,
        long durationSumNanos,
        long durationMaxNanos,
        long[] durationBuckets,
        Map<String, String> attributes,
        long startUnixMillis,
        long endUnixMillis) {

    public Observation {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(callSite, "callSite");
        durationBuckets = durationBuckets == null ? new long[0] : durationBuckets;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
