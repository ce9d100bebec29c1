package dev.sinkwatch.collector.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Log records shaped as docs/agent-output.md describes, built with the real OpenTelemetry SDK (what the agent
 * uses), and their OTLP encodings made by the SDK's own marshalers and exporter: no hand-made bytes.
 */
public final class AgentRecords {

    public static final String SERVICE = "orders";
    public static final String VERSION = "1.4.2";
    public static final String INSTANCE = "0f8c6a1e-2d4b-4c1e-9a55-7d1b2c3e4f50";

    private final List<LogRecordData> captured = new ArrayList<>();
    private final SdkLoggerProvider provider;

    public AgentRecords() {
        this(SERVICE, VERSION);
    }

    public AgentRecords(String service, String version) {
        LogRecordExporter capture = new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                synchronized (captured) {
                    captured.addAll(logs);
                }
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        Resource resource = Resource.create(Attributes.builder()
                .put("service.name", service)
                .put("service.version", version)
                .put("service.instance.id", INSTANCE)
                .put("vcs.ref.head.revision", "4f1c2a9")
                .put("telemetry.distro.name", "sinkwatch")
                .build());
        provider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(capture)).build();
    }

    /** A {@code sinkwatch.sink.new} record for a JDBC query at {@code com.acme.OrderRepository.find:42}. */
    public AgentRecords newSql(String key, String fingerprint) {
        return newRecord(key, "jdbc", "query", fingerprint, "com.acme.OrderRepository.find", "OrderRepository.java",
                42, Attributes.builder().put("db.system.name", "h2").put("db.query.text", fingerprint).build());
    }

    public AgentRecords newRecord(String key, String kind, String operation, String target, String function,
            String file, long line, Attributes extra) {
        LogRecordBuilder builder = logger().logRecordBuilder()
                .setTimestamp(Instant.ofEpochMilli(1_760_000_000_000L))
                .setAllAttributes(Attributes.builder()
                        .put("event.name", "sinkwatch.sink.new")
                        .put("sinkwatch.key", key)
                        .put("sinkwatch.sink.kind", kind)
                        .put("sinkwatch.sink.operation", operation)
                        .put("sinkwatch.target", target)
                        .put("sinkwatch.outcome", "ok")
                        .put("sinkwatch.duration_ns", 1500L)
                        .put("code.function.name", function)
                        .put("code.file.path", file)
                        .put("code.line.number", line)
                        .put(AttributeKey.stringArrayKey("sinkwatch.callsite.frames"), List.of(
                                function + "(" + file + ":" + line + ")",
                                "com.acme.OrderService.place(OrderService.java:17)",
                                "org.h2.jdbc.JdbcStatement.executeQuery(JdbcStatement.java:114)"))
                        .put("sinkwatch.callsite.origin", "app")
                        .put("thread.name", "http-nio-8080-exec-1")
                        .putAll(extra)
                        .build());
        builder.emit();
        return this;
    }

    /** A {@code sinkwatch.sink.delta} record: 10 calls, 1 error, two latency buckets. */
    public AgentRecords delta(String key, String fingerprint) {
        return delta(key, fingerprint, 10, 1);
    }

    public AgentRecords delta(String key, String fingerprint, long count, long errors) {
        return delta(key, fingerprint, count, errors, "com.acme.OrderRepository.find", 42);
    }

    public AgentRecords delta(String key, String fingerprint, long count, long errors, String function, long line) {
        logger().logRecordBuilder().setAllAttributes(Attributes.builder()
                .put("event.name", "sinkwatch.sink.delta")
                .put("sinkwatch.key", key)
                .put("sinkwatch.sink.kind", "jdbc")
                .put("sinkwatch.sink.operation", "query")
                .put("sinkwatch.target", fingerprint)
                .put("code.function.name", function)
                .put("code.file.path", "OrderRepository.java")
                .put("code.line.number", line)
                .put("sinkwatch.interval.start_unix_ms", 1_760_000_000_000L)
                .put("sinkwatch.interval.end_unix_ms", 1_760_000_010_000L)
                .put("sinkwatch.count", count)
                .put("sinkwatch.errors", errors)
                .put("sinkwatch.duration.sum_ns", 250_000L)
                .put("sinkwatch.duration.max_ns", 90_000L)
                .put(AttributeKey.longArrayKey("sinkwatch.duration.buckets"), List.of(28L, 7L, 33L, 3L))
                .build()).emit();
        return this;
    }

    public AgentRecords status() {
        logger().logRecordBuilder().setAllAttributes(Attributes.builder()
                .put("event.name", "sinkwatch.agent.status")
                .put("sinkwatch.keys", 12L).put("sinkwatch.keys.capacity", 10_000L)
                .put("sinkwatch.keys.overflow", 0L).put("sinkwatch.export.dropped", 3L)
                .put("sinkwatch.stack_walks", 40L).build()).emit();
        return this;
    }

    /** Any record with these attributes (for invalid records). */
    public AgentRecords raw(Attributes attributes) {
        logger().logRecordBuilder().setAllAttributes(attributes).emit();
        return this;
    }

    public static AttributesBuilder attributes() {
        return Attributes.builder();
    }

    private io.opentelemetry.api.logs.Logger logger() {
        return provider.get("dev.sinkwatch.agent");
    }

    public List<LogRecordData> records() {
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }

    /** ExportLogsServiceRequest as protobuf, by the SDK's marshaler. */
    public byte[] protobuf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            LogsRequestMarshaler.create(records()).writeBinaryTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** ExportLogsServiceRequest in OTLP JSON, by the SDK's marshaler. */
    public byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            LogsRequestMarshaler.create(records()).writeJsonTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sends the records with the SDK's OTLP/HTTP exporter; true when the collector accepted them. */
    public boolean export(String endpoint, String compression) {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint)
                .setCompression(compression).setRetryPolicy(null).build();
        try {
            CompletableResultCode result = exporter.export(records()).join(10, TimeUnit.SECONDS);
            return result.isSuccess();
        } finally {
            exporter.shutdown();
        }
    }
}
