package dev.sinkwatch.collector.ingest;

import dev.sinkwatch.contract.ResourceAttributes;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkEvents;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkKind;
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

    /** What a service that did not name itself is called (the OpenTelemetry SDK's own default). */
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
                        if (SinkEvents.SINK_NEW.equals(eventName) || SinkEvents.SINK_DELTA.equals(eventName)) {
                            observations.add(observation(resource, record, SinkEvents.SINK_NEW.equals(eventName)));
                        } else if (SinkEvents.AGENT_STATUS.equals(eventName)) {
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
            if (attribute.getKey().equals(SinkEvents.EVENT_NAME)) {
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
                case SinkEvents.EVENT_NAME -> { }
                case SinkAttributes.KEY -> key = string(value);
                case SinkAttributes.KIND -> kind = string(value);
                case SinkAttributes.OPERATION -> operation = string(value);
                case SinkAttributes.TARGET -> target = string(value);
                case SinkAttributes.OUTCOME -> outcome = string(value);
                case SinkAttributes.CODE_FUNCTION_NAME -> function = string(value);
                case SinkAttributes.CODE_FILE_PATH -> file = string(value);
                case SinkAttributes.CODE_LINE_NUMBER -> line = number(attribute);
                case SinkAttributes.CALLSITE_FRAMES -> frames = strings(value);
                case SinkAttributes.CALLSITE_ORIGIN -> origin = string(value);
                case SinkAttributes.DURATION_NANOS -> durationNanos = number(attribute);
                case SinkAttributes.COUNT -> count = number(attribute);
                case SinkAttributes.ERRORS -> errors = number(attribute);
                case SinkAttributes.DURATION_SUM_NANOS -> sumNanos = number(attribute);
                case SinkAttributes.DURATION_MAX_NANOS -> maxNanos = number(attribute);
                case SinkAttributes.DURATION_BUCKETS -> buckets = numbers(attribute);
                case SinkAttributes.INTERVAL_START_UNIX_MILLIS -> startMillis = number(attribute);
                case SinkAttributes.INTERVAL_END_UNIX_MILLIS -> endMillis = number(attribute);
                default -> attributes.put(attribute.getKey(), stringify(value));
            }
        }
        String event = firstSighting ? SinkEvents.SINK_NEW : SinkEvents.SINK_DELTA;
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(event + " record without " + SinkAttributes.KEY);
        }
        if (kind == null) {
            throw new IllegalArgumentException(event + " record " + key + " without " + SinkAttributes.KIND);
        }
        SinkKind sinkKind = SinkKind.fromWireName(kind);
        if (operation == null || operation.isEmpty()) {
            throw new IllegalArgumentException(event + " record " + key + " without " + SinkAttributes.OPERATION);
        }
        if (target == null) {
            throw new IllegalArgumentException(event + " record " + key + " without " + SinkAttributes.TARGET);
        }
        if (line < 0 || line > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(event + " record " + key + ": " + SinkAttributes.CODE_LINE_NUMBER + " out of range: " + line);
        }
        boolean error;
        if (firstSighting) {
            // A new record describes the key's first call; the delta of its interval counts it
            // (docs/agent-output.md), so counts stay 0 here and only the outcome and latency are kept.
            error = SinkAttributes.OUTCOME_ERROR.equals(outcome);
            count = 0;
            errors = 0;
            sumNanos = 0;
            maxNanos = Math.max(0, durationNanos);
            buckets = new long[0];
        } else {
            if (count < 0) {
                throw new IllegalArgumentException(event + " record " + key + " without " + SinkAttributes.COUNT);
            }
            if (errors < 0 || errors > count) {
                throw new IllegalArgumentException(event + " record " + key + ": " + SinkAttributes.ERRORS + " " + errors
                        + " outside 0.." + count);
            }
            if (buckets != null && buckets.length % 2 != 0) {
                throw new IllegalArgumentException(event + " record " + key
                        + ": " + SinkAttributes.DURATION_BUCKETS
                        + " must hold index,count pairs");
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
                file == null ? "" : file, (int) line, frames, SinkAttributes.ORIGIN_APP.equals(origin));
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
                case SinkAttributes.KEYS -> keys = number(attribute);
                case SinkAttributes.KEYS_CAPACITY -> capacity = number(attribute);
                case SinkAttributes.KEYS_OVERFLOW -> overflow = number(attribute);
                case SinkAttributes.EXPORT_DROPPED -> dropped = number(attribute);
                case SinkAttributes.STACK_WALKS -> walks = number(attribute);
                default -> { }
            }
        }
        return new AgentStatus(resource.service.name(), resource.instanceId, keys, capacity, overflow, dropped, walks);
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
                    case ResourceAttributes.SERVICE_NAME -> name = string(attribute.getValue());
                    case ResourceAttributes.SERVICE_VERSION -> version = string(attribute.getValue());
                    case ResourceAttributes.SERVICE_INSTANCE_ID -> instance = string(attribute.getValue());
                    case ResourceAttributes.VCS_REVISION -> revision = string(attribute.getValue());
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
