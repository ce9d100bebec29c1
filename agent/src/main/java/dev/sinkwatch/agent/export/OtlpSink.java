package dev.sinkwatch.agent.export;

import dev.sinkwatch.contract.AgentMetrics;
import dev.sinkwatch.contract.ResourceAttributes;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkEvents;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.agent.AgentLog;
import dev.sinkwatch.agent.aggregate.KeyStats;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OTLP/HTTP export through the (shaded) OpenTelemetry SDK: records as log records on {@code /v1/logs}, the agent's
 * own counters as metrics on {@code /v1/metrics} when {@code sinkwatch.export.metrics} asks for them (the metrics SDK
 * is then loaded; without it, its ~230 classes never are). The SDK's batch processor queues without blocking and
 * drops when full; every failed export is counted in {@link #dropped()}. A private logger and meter provider: the
 * application's global OpenTelemetry is never touched.
 */
final class OtlpSink implements EventSink {
    private static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");

    /** Keeps the SDK's (relocated) java.util.logging loggers quiet; our own line reports export trouble. */
    private static final java.util.logging.Logger SDK_LOGS = java.util.logging.Logger.getLogger("dev.sinkwatch.agent.shaded");

    /** The SDK's components as usual, except its HTTP sender: ours ({@link UrlConnectionSender}), never a scanned one. */
    private static final ComponentLoader SENDER = new ComponentLoader() {
        private final ComponentLoader sdk = ComponentLoader.forClassLoader(OtlpSink.class.getClassLoader());

        @Override
        public <T> Iterable<T> load(Class<T> type) {
            if (type == HttpSenderProvider.class) {
                return Collections.singletonList(type.cast(new UrlConnectionSender.Provider()));
            }
            return sdk.load(type);
        }
    };

    private final SdkLoggerProvider loggerProvider;
    /** Null unless the agent's own metrics are exported. */
    private final SdkMeterProvider meterProvider;
    private final Logger logger;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final String endpoint;

    OtlpSink(String endpoint, String token, ServiceIdentity identity, String agentVersion, long intervalMillis,
             Recorder recorder, boolean exportMetrics, boolean debug) {
        this.endpoint = endpoint;
        if (!debug) {
            SDK_LOGS.setLevel(java.util.logging.Level.OFF);
        }
        AttributesBuilder resource = Attributes.builder()
                .put(ResourceAttributes.SERVICE_NAME, identity.name)
                .put(ResourceAttributes.SERVICE_INSTANCE_ID, identity.instanceId)
                .put(ResourceAttributes.TELEMETRY_DISTRO_NAME, ResourceAttributes.DISTRO)
                .put(ResourceAttributes.TELEMETRY_DISTRO_VERSION, agentVersion)
                .put(ResourceAttributes.PROCESS_RUNTIME_VERSION, System.getProperty("java.version", ""))
                .put(ResourceAttributes.PROCESS_PID, ProcessHandle.current().pid());
        if (identity.version != null) {
            resource.put(ResourceAttributes.SERVICE_VERSION, identity.version);
        }
        if (identity.revision != null) {
            resource.put(ResourceAttributes.VCS_REVISION, identity.revision);
        }
        String host = hostName();
        if (host != null) {
            resource.put(ResourceAttributes.HOST_NAME, host);
        }
        Resource res = Resource.getDefault().merge(Resource.create(resource.build()));

        // Short retries: a blip is ridden out, an outage is counted (and said) within a second, not after ~6 s.
        RetryPolicy retry = RetryPolicy.builder().setMaxAttempts(3).setInitialBackoff(Duration.ofMillis(200))
                .setMaxBackoff(Duration.ofSeconds(1)).setBackoffMultiplier(2).build();
        OtlpHttpLogRecordExporterBuilder logs = OtlpHttpLogRecordExporter.builder().setComponentLoader(SENDER)
                .setEndpoint(endpoint + "/v1/logs").setTimeout(Duration.ofSeconds(5)).setRetryPolicy(retry);
        if (token != null && !token.isEmpty()) {
            logs.addHeader("Authorization", "Bearer " + token);
        }
        this.loggerProvider = SdkLoggerProvider.builder().setResource(res)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(new CountingExporter(logs.build()))
                        .setScheduleDelay(Duration.ofMillis(200))
                        .setMaxQueueSize(16_384)
                        .setMaxExportBatchSize(1_024)
                        .build())
                .build();
        this.logger = loggerProvider.loggerBuilder(SinkEvents.INSTRUMENTATION_SCOPE).setInstrumentationVersion(agentVersion).build();
        this.meterProvider = exportMetrics ? meterProvider(res, retry, token, intervalMillis, recorder) : null;
    }

    private SdkMeterProvider meterProvider(Resource res, RetryPolicy retry, String token, long intervalMillis,
                                           Recorder recorder) {
        OtlpHttpMetricExporterBuilder metrics = OtlpHttpMetricExporter.builder().setComponentLoader(SENDER)
                .setEndpoint(endpoint + "/v1/metrics").setTimeout(Duration.ofSeconds(5)).setRetryPolicy(retry);
        if (token != null && !token.isEmpty()) {
            metrics.addHeader("Authorization", "Bearer " + token);
        }
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(res)
                .registerMetricReader(PeriodicMetricReader.builder(metrics.build())
                        .setInterval(Duration.ofMillis(intervalMillis)).build())
                .build();
        registerMetrics(provider.get(SinkEvents.INSTRUMENTATION_SCOPE), recorder);
        return provider;
    }

    private void registerMetrics(Meter meter, Recorder recorder) {
        AttributeKey<String> kind = AttributeKey.stringKey(SinkAttributes.KIND);
        SinkKind[] kinds = SinkKind.values(); // in the order of the Ops tens digit
        meter.counterBuilder(AgentMetrics.SINK_CALLS).setDescription("Sink calls recorded, by kind")
                .buildWithCallback(m -> {
                    for (int i = 0; i < kinds.length; i++) {
                        m.record(recorder.calls(i), Attributes.of(kind, kinds[i].wireName()));
                    }
                });
        meter.gaugeBuilder(AgentMetrics.KEYS).ofLongs().setDescription("Keys held")
                .buildWithCallback(m -> m.record(recorder.keys().size()));
        meter.counterBuilder(AgentMetrics.KEYS_OVERFLOW).setDescription("Calls counted under overflow keys")
                .buildWithCallback(m -> m.record(recorder.overflowCalls()));
        meter.counterBuilder(AgentMetrics.EXPORT_DROPPED).setDescription("Records the exporter failed to deliver")
                .buildWithCallback(m -> m.record(dropped.get()));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isEmpty() ? env : null;
    }

    /** Counts failed exports and says once, calmly, when the collector becomes unreachable and when it is back. */
    private final class CountingExporter implements LogRecordExporter {
        private final LogRecordExporter delegate;

        CountingExporter(LogRecordExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<LogRecordData> records) {
            CompletableResultCode result = delegate.export(records);
            int size = records.size();
            result.whenComplete(() -> {
                if (result.isSuccess()) {
                    if (failing.compareAndSet(true, false)) {
                        AgentLog.info("collector at " + endpoint + " reachable again");
                    }
                } else {
                    dropped.addAndGet(size);
                    if (failing.compareAndSet(false, true)) {
                        AgentLog.warn("cannot export to the collector at " + endpoint + " (" + size
                                + " records dropped so far in this outage); the application is not affected, retrying");
                    }
                }
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    @Override
    public void newKey(KeyStats key, Record record) {
        emit(record);
    }

    @Override
    public void delta(KeyStats key, Record record) {
        emit(record);
    }

    @Override
    public void status(Record record) {
        emit(record);
    }

    @SuppressWarnings("unchecked")
    private void emit(Record record) {
        AttributesBuilder attributes = Attributes.builder();
        for (Map.Entry<String, Object> e : record.attributes.entrySet()) {
            Object v = e.getValue();
            String k = e.getKey();
            if (v instanceof String) {
                attributes.put(k, (String) v);
            } else if (v instanceof Long || v instanceof Integer) {
                attributes.put(k, ((Number) v).longValue());
            } else if (v instanceof Boolean) {
                attributes.put(k, (Boolean) v);
            } else if (v instanceof long[]) {
                attributes.put(k, (long[]) v);
            } else if (v instanceof List) {
                List<String> strings = new ArrayList<>();
                for (Object o : (List<Object>) v) {
                    strings.add(String.valueOf(o));
                }
                attributes.put(AttributeKey.stringArrayKey(k), strings);
            } else if (v != null) {
                attributes.put(k, v.toString());
            }
        }
        logger.logRecordBuilder()
                .setTimestamp(record.timestampMillis, TimeUnit.MILLISECONDS)
                .setSeverity(Severity.INFO)
                .setBody(String.valueOf(record.attributes.get(EVENT_NAME.getKey())))
                .setAllAttributes(attributes.build())
                .emit();
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        // Runs in the JVM's shutdown: never hold the application's exit long. A collector known to be unreachable
        // gets a token wait, a healthy one up to two seconds. The SDK's shutdown runs on a thread of its own (the
        // metric reader's final export waits for its result inside shutdown()), so this wait is the only one.
        long budgetMillis = failing.get() ? 200 : 2_000;
        Thread closer = new Thread(() -> {
            SinkBridge.markAgentThread();
            CompletableResultCode logs = loggerProvider.shutdown();
            CompletableResultCode metrics = meterProvider != null ? meterProvider.shutdown()
                    : CompletableResultCode.ofSuccess();
            logs.join(budgetMillis, TimeUnit.MILLISECONDS);
            metrics.join(budgetMillis, TimeUnit.MILLISECONDS);
        }, "sinkwatch-export-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(budgetMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
