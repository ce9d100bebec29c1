package dev.sinkwatch.collector.ingest;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.model.SinkKind;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OTLP log records into {@link Observation}s and agent status reports, exactly as docs/agent-output.md
 * describes them. A record is <em>rejected</em> (counted in {@code partial_success.rejected_log_records}) when it
 * claims to be a sinkwatch record but lacks what the contract requires; records of other event names are
 * <em>ignored</em> (valid OTLP, just not ours) and counted separately.
 *
 * <p>Concurrency: stateless and thread-safe.
 */
public final class LogDecoder {

    public static final String EVENT_NEW = "sinkwatch.sink.new";
    public static final String EVENT_DELTA = "sinkwatch.sink.delta";
    public static final String EVENT_STATUS = "sinkwatch.agent.status";
    static final String UNKNOWN_SERVICE = "unknown_service";

    /** The agent's own health report ({@code sinkwatch.agent.status}); counters are since the agent started. */
    public record AgentStatus(String service, String instanceId, long keys, long keysCapacity, long keysOverflow,
            long exportDropped, long stackWalks) {
    }

    /**
     * @param rejected     records that failed the contract
     * @param firstProblem what was wrong with the first rejected record (for {@code error_message}), or null
     * @param ignored      records that are not sinkwatch records
     */
    public record Result(List<Observation> observations, List<AgentStatus> statuses, int rejected, String firstProblem,
            int ignored) {
    }

    public Result decode(ExportLogsServiceRequest request) {
        List<Observation> observations = new ArrayList<>();
        List<AgentStatus> statuses = new ArrayList<>(1);
        int rejected = 0;
        int ignored = 0;
        String firstProblem = null;
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            Resource resource = Resource.of(resourceLogs.getResource().getAttributesList());
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    String eventName = eventName(record);
                    try {
                        if (EVENT_NEW.equals(eventName) || EVENT_DELTA.equals(eventName)) {
                            observations.add(observation(resource, record, EVENT_NEW.equals(eventName)));
                        } else if (EVENT_STATUS.equals(eventName)) {
                            statuses.add(status(resource, record));
                        } else {
                            ignored++;
                        }
                    } catch (IllegalArgumentException e) {
                        rejected++;
                        if (firstProblem == null) {
                            firstProblem = e.getMessage();
                        }
                    }
                }
            }
        }
        return new Result(observations, statuses, rejected, firstProblem, ignored);
    }

    /** OTLP 1.5+ has a top-level {@code event_name}; the agent also sets the {@code event.name} attribute. */
    private static String eventName(LogRecord record) {
        if (!record.getEventName().isEmpty()) {
            return record.getEventName();
        }
        for (KeyValue attribute : record.getAttributesList()) {
            if (attribute.getKey().equals("event.name")) {
                return attribute.getValue().getStringValue();
            }
        }
        return "";
    }

    private static Observation observation(Resource resource, LogRecord record, boolean firstSighting) {
        String key = null;
        String kind = null;
        String operation = null;
        String target = null;
        String outcome = null;
        String function = null;
        String file = null;
        long line = 0;
        List<String> frames = List.of();
        String origin = null;
        long durationNanos = -1;
        long count = -1;
        long errors = 0;
        long sumNanos = -1;
        long maxNanos = -1;
        long[] buckets = null;
        long startMillis = -1;
        long endMillis = -1;
        Map<String, String> attributes = new HashMap<>();
        for (KeyValue attribute : record.getAttributesList()) {
            AnyValue value = attribute.getValue();
            switch (attribute.getKey()) {
                case "event.name" -> { }
                case "sinkwatch.key" -> key = string(value);
                case "sinkwatch.sink.kind" -> kind = string(value);
                case "sinkwatch.sink.operation" -> operation = string(value);
                case "sinkwatch.target" -> target = string(value);
                case "sinkwatch.outcome" -> outcome = string(value);
                case "code.function.name" -> function = string(value);
                case "code.file.path" -> file = string(value);
                case "code.line.number" -> line = number(attribute);
                case "sinkwatch.callsite.frames" -> frames = strings(value);
                case "sinkwatch.callsite.origin" -> origin = string(value);
                case "sinkwatch.duration_ns" -> durationNanos = number(attribute);
                case "sinkwatch.count" -> count = number(attribute);
                case "sinkwatch.errors" -> errors = number(attribute);
                case "sinkwatch.duration.sum_ns" -> sumNanos = number(attribute);
                case "sinkwatch.duration.max_ns" -> maxNanos = number(attribute);
                case "sinkwatch.duration.buckets" -> buckets = numbers(attribute);
                case "sinkwatch.interval.start_unix_ms" -> startMillis = number(attribute);
                case "sinkwatch.interval.end_unix_ms" -> endMillis = number(attribute);
                default -> attributes.put(attribute.getKey(), stringify(value));
            }
        }
        String event = firstSighting ? EVENT_NEW : EVENT_DELTA;
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(event + " record without sinkwatch.key");
        }
        if (kind == null) {
            throw new IllegalArgumentException(event + " record " + key + " without sinkwatch.sink.kind");
        }
        SinkKind sinkKind = SinkKind.fromWireName(kind);
        if (operation == null || operation.isEmpty()) {
            throw new IllegalArgumentException(event + " record " + key + " without sinkwatch.sink.operation");
        }
        if (target == null) {
            throw new IllegalArgumentException(event + " record " + key + " without sinkwatch.target");
        }
        if (line < 0 || line > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(event + " record " + key + ": code.line.number out of range: " + line);
        }
        boolean error;
        if (firstSighting) {
            // A new record describes the key's first call; the delta of its interval counts it
            // (docs/agent-output.md), so counts stay 0 here and only the outcome and latency are kept.
            error = "error".equals(outcome);
            count = 0;
            errors = 0;
            sumNanos = 0;
            maxNanos = Math.max(0, durationNanos);
            buckets = new long[0];
        } else {
            if (count < 0) {
                throw new IllegalArgumentException(event + " record " + key + " without sinkwatch.count");
            }
            if (errors < 0 || errors > count) {
                throw new IllegalArgumentException(event + " record " + key + ": sinkwatch.errors " + errors
                        + " outside 0.." + count);
            }
            if (buckets != null && buckets.length % 2 != 0) {
                throw new IllegalArgumentException(event + " record " + key
                        + ": sinkwatch.duration.buckets must hold index,count pairs");
            }
            error = errors > 0;
            sumNanos = Math.max(0, sumNanos);
            maxNanos = Math.max(0, maxNanos);
        }
        long recordMillis = (record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano())
                / 1_000_000L;
        if (recordMillis == 0) {
            recordMillis = System.currentTimeMillis();
        }
        if (startMillis < 0) {
            startMillis = recordMillis;
        }
        if (endMillis < 0) {
            endMillis = recordMillis;
        }
        CallSite callSite = new CallSite(function == null || function.isEmpty() ? "unknown" : function,
                file == null ? "" : file, (int) line, frames, "app".equals(origin));
        return new Observation(resource.service, resource.instanceId, resource.revision, key, sinkKind, operation,
                target, callSite, firstSighting, error, count, errors, sumNanos, maxNanos, buckets, attributes,
                startMillis, endMillis);
    }

    private static AgentStatus status(Resource resource, LogRecord record) {
        long keys = 0;
        long capacity = 0;
        long overflow = 0;
        long dropped = 0;
        long walks = 0;
        for (KeyValue attribute : record.getAttributesList()) {
            switch (attribute.getKey()) {
                case "sinkwatch.keys" -> keys = number(attribute);
                case "sinkwatch.keys.capacity" -> capacity = number(attribute);
                case "sinkwatch.keys.overflow" -> overflow = number(attribute);
                case "sinkwatch.export.dropped" -> dropped = number(attribute);
                case "sinkwatch.stack_walks" -> walks = number(attribute);
                default -> { }
            }
        }
        return new AgentStatus(resource.service.name(), resource.instanceId, keys, capacity, overflow, dropped, walks);
    }

    /**
     * The latency bucket of docs/agent-output.md: two per power of two, bucket {@code 2k} starts at {@code 2^k} and
     * {@code 2k + 1} at {@code 1.5 * 2^k}; 0 and 1 ns are bucket 0.
     */
    static long bucketIndex(long nanos) {
        if (nanos <= 1) {
            return 0;
        }
        int k = 63 - Long.numberOfLeadingZeros(nanos);
        long half = k == 0 ? 0 : 1L << (k - 1);
        return 2L * k + (nanos >= (1L << k) + half ? 1 : 0);
    }

    private static String string(AnyValue value) {
        return value.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? value.getStringValue() : stringify(value);
    }

    private static long number(KeyValue attribute) {
        AnyValue value = attribute.getValue();
        switch (value.getValueCase()) {
            case INT_VALUE:
                return value.getIntValue();
            case STRING_VALUE:
                try {
                    return Long.parseLong(value.getStringValue().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(attribute.getKey() + " is not a number: '"
                            + value.getStringValue() + "'");
                }
            case DOUBLE_VALUE:
                return (long) value.getDoubleValue();
            default:
                throw new IllegalArgumentException(attribute.getKey() + " is not a number");
        }
    }

    private static long[] numbers(KeyValue attribute) {
        AnyValue value = attribute.getValue();
        if (value.getValueCase() != AnyValue.ValueCase.ARRAY_VALUE) {
            throw new IllegalArgumentException(attribute.getKey() + " is not an array");
        }
        List<AnyValue> values = value.getArrayValue().getValuesList();
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            AnyValue element = values.get(i);
            if (element.getValueCase() == AnyValue.ValueCase.INT_VALUE) {
                out[i] = element.getIntValue();
            } else {
                out[i] = number(KeyValue.newBuilder().setKey(attribute.getKey()).setValue(element).build());
            }
        }
        return out;
    }

    private static List<String> strings(AnyValue value) {
        if (value.getValueCase() != AnyValue.ValueCase.ARRAY_VALUE) {
            return List.of(string(value));
        }
        List<AnyValue> values = value.getArrayValue().getValuesList();
        List<String> out = new ArrayList<>(values.size());
        for (AnyValue element : values) {
            out.add(string(element));
        }
        return out;
    }

    static String stringify(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> java.util.HexFormat.of().formatHex(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> {
                StringBuilder out = new StringBuilder("[");
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    if (out.length() > 1) {
                        out.append(',');
                    }
                    out.append(stringify(element));
                }
                yield out.append(']').toString();
            }
            case KVLIST_VALUE -> {
                StringBuilder out = new StringBuilder("{");
                for (KeyValue entry : value.getKvlistValue().getValuesList()) {
                    if (out.length() > 1) {
                        out.append(',');
                    }
                    out.append(entry.getKey()).append('=').append(stringify(entry.getValue()));
                }
                yield out.append('}').toString();
            }
            default -> "";
        };
    }

    /** What the resource says about the sending JVM. */
    private record Resource(ServiceId service, String instanceId, String revision) {
        static Resource of(List<KeyValue> attributes) {
            String name = null;
            String version = null;
            String instance = "";
            String revision = null;
            for (KeyValue attribute : attributes) {
                switch (attribute.getKey()) {
                    case "service.name" -> name = string(attribute.getValue());
                    case "service.version" -> version = string(attribute.getValue());
                    case "service.instance.id" -> instance = string(attribute.getValue());
                    case "vcs.ref.head.revision" -> revision = string(attribute.getValue());
                    default -> { }
                }
            }
            if (name == null || name.isBlank()) {
                name = UNKNOWN_SERVICE;
            }
            return new Resource(new ServiceId(name, version), instance, revision);
        }
    }
}
