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
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * OTLP/HTTP export: records as log records on {@code /v1/logs}, the agent's own counters as metrics on
 * {@code /v1/metrics} when {@code sinkwatch.export.metrics} asks for them.
 *
 * <p>Records are made as the OTLP marshaler reads them ({@link SinkLogRecord}) and sent in batches of at most
 * {@value #MAX_BATCH} by {@link UrlConnectionSender}, with the OpenTelemetry SDK's own protobuf marshaling; the SDK's
 * logger, batch processor and exporter are never loaded: with their thread and the API's context, trace and no-op
 * metric classes they were some 180 classes loaded in every application's start. The export thread hands a batch
 * over without waiting for it, and while a batch is on its way the next one gathers ({@link #flush()}); at most
 * {@value #QUEUE} batches wait behind the one being sent (full ones: as many records as the SDK's batch processor
 * held), and a batch that does not fit, or is not delivered after the retries, is counted in {@link #dropped()}.
 * The metrics, when asked for, go through the SDK's meter provider and metric exporter (its ~230 classes are then
 * loaded). A private meter provider: the application's global OpenTelemetry is never touched.
 */
final class OtlpSink implements EventSink {
    static final int MAX_BATCH = 1_024;
    private static final int QUEUE = 16;
    private static final String LOGS_PATH = "/v1/logs";

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

    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final UrlConnectionSender logs;
    /** Records not yet handed to the sender; the export thread's only (and the shutdown hook's, under its lock). */
    private List<LogRecordData> batch = new ArrayList<>();
    /** Null unless the agent's own metrics are exported. */
    private final SdkMeterProvider meterProvider;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    /** Batches handed to the sender whose outcome is not known yet; {@link #close()} waits on this object for 0. */
    private int inFlight;
    private final String endpoint;

    OtlpSink(String endpoint, String token, ServiceIdentity identity, String agentVersion, long intervalMillis,
             Recorder recorder, boolean exportMetrics, boolean debug) {
        this.endpoint = endpoint;
        if (!debug) {
            SDK_LOGS.setLevel(java.util.logging.Level.OFF);
        }
        AttributesBuilder attributes = Attributes.builder()
                .put(ResourceAttributes.SERVICE_NAME, identity.name)
                .put(ResourceAttributes.SERVICE_INSTANCE_ID, identity.instanceId)
                .put(ResourceAttributes.TELEMETRY_DISTRO_NAME, ResourceAttributes.DISTRO)
                .put(ResourceAttributes.TELEMETRY_DISTRO_VERSION, agentVersion)
                .put(ResourceAttributes.PROCESS_RUNTIME_VERSION, System.getProperty("java.version", ""))
                .put(ResourceAttributes.PROCESS_PID, ProcessHandle.current().pid());
        if (identity.version != null) {
            attributes.put(ResourceAttributes.SERVICE_VERSION, identity.version);
        }
        if (identity.revision != null) {
            attributes.put(ResourceAttributes.VCS_REVISION, identity.revision);
        }
        String host = hostName();
        if (host != null) {
            attributes.put(ResourceAttributes.HOST_NAME, host);
        }
        this.resource = Resource.getDefault().merge(Resource.create(attributes.build()));
        this.scope = InstrumentationScopeInfo.builder(SinkEvents.INSTRUMENTATION_SCOPE).setVersion(agentVersion).build();

        // Short retries: a blip is ridden out, an outage is counted (and said) within a second, not after ~6 s.
        RetryPolicy retry = RetryPolicy.builder().setMaxAttempts(3).setInitialBackoff(Duration.ofMillis(200))
                .setMaxBackoff(Duration.ofSeconds(1)).setBackoffMultiplier(2).build();
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("User-Agent", Collections.singletonList("sinkwatch-agent/" + agentVersion));
        if (token != null && !token.isEmpty()) {
            headers.put("Authorization", Collections.singletonList("Bearer " + token));
        }
        this.logs = new UrlConnectionSender(new UrlConnectionSender.Settings(
                URI.create(endpoint + LOGS_PATH), headers, Duration.ofSeconds(5), Duration.ofSeconds(10),
                retry), QUEUE);
        this.meterProvider = exportMetrics ? meterProvider(resource, retry, token, intervalMillis, recorder) : null;
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
        long now = System.currentTimeMillis();
        batch.add(new SinkLogRecord(resource, scope, TimeUnit.MILLISECONDS.toNanos(record.timestampMillis),
                TimeUnit.MILLISECONDS.toNanos(now), String.valueOf(record.attributes.get(SinkEvents.EVENT_NAME)),
                attributes.build()));
        if (batch.size() >= MAX_BATCH) {
            handOver();
        }
    }

    /**
     * Hands the records emitted so far to the sender, marshaled, when no batch is on its way: while one is, records
     * gather (up to {@value #MAX_BATCH}, when {@link #emit} hands them over anyway), so that a burst of new keys at
     * start-up goes in a few requests, not one each. Never waits for the collector.
     */
    @Override
    public void flush() {
        boolean idle;
        synchronized (this) {
            idle = inFlight == 0;
        }
        if (idle) {
            handOver();
        }
    }

    private void handOver() {
        if (batch.isEmpty()) {
            return;
        }
        List<LogRecordData> records = batch;
        batch = new ArrayList<>();
        Body body;
        try {
            body = new Body(LogsRequestMarshaler.create(records));
        } catch (RuntimeException unexpected) {
            dropped.addAndGet(records.size()); // never sent; counted, and the next batch goes on
            AgentLog.debug("could not marshal " + records.size() + " records: " + unexpected);
            return;
        }
        Outcome outcome = new Outcome(records.size());
        synchronized (this) {
            inFlight++;
        }
        logs.send(body, outcome, outcome.onError);
    }

    /**
     * A request's body: the marshaled records, measured once. (The SDK's {@code MessageWriter} has no implementation
     * outside its exporters, which the agent does not load.)
     */
    private static final class Body implements MessageWriter {
        private final Marshaler marshaler;
        private final int size;

        Body(Marshaler marshaler) {
            this.marshaler = marshaler;
            this.size = marshaler.getBinarySerializedSize();
        }

        @Override
        public void writeMessage(OutputStream out) throws IOException {
            marshaler.writeBinaryTo(out);
        }

        @Override
        public int getContentLength() {
            return size;
        }
    }

    /**
     * What became of one batch: a 2xx answer delivered it; any other answer or a failure after the retries dropped
     * it. Says once, calmly, when the collector becomes unreachable and when it is back. Classes, not lambdas, so
     * that none is spun.
     */
    private final class Outcome implements Consumer<HttpResponse> {
        private final int records;
        /** Set by the first report: the sender reports an escaping error after a consumer that threw, too. */
        private boolean done;
        final Consumer<Throwable> onError = new Consumer<Throwable>() {
            @Override
            public void accept(Throwable failure) {
                done(false);
            }
        };

        Outcome(int records) {
            this.records = records;
        }

        @Override
        public void accept(HttpResponse response) {
            done(response.getStatusCode() / 100 == 2);
        }

        /** Counts the outcome, then lets {@link #close()} see it: a close that returns has every outcome counted. */
        private void done(boolean delivered) {
            synchronized (OtlpSink.this) {
                if (done) {
                    return;
                }
                done = true;
            }
            if (delivered) {
                if (failing.compareAndSet(true, false)) {
                    AgentLog.info("collector at " + endpoint + " reachable again");
                }
            } else {
                long lost = dropped.addAndGet(records);
                if (failing.compareAndSet(false, true)) {
                    AgentLog.warn("cannot export to the collector at " + endpoint + " (" + lost
                            + " records dropped since the agent started); the application is not affected, retrying");
                }
            }
            synchronized (OtlpSink.this) {
                inFlight--;
                OtlpSink.this.notifyAll();
            }
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        // Runs in the JVM's shutdown: never hold the application's exit long. A collector known to be unreachable
        // gets a token wait, a healthy one up to two seconds. The SDK's meter provider shuts down on a thread of its
        // own (the metric reader's final export waits for its result inside shutdown()), within the same wait.
        long budgetMillis = failing.get() ? 200 : 2_000;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        handOver(); // what gathered behind a batch still on its way goes now
        Thread closer = null;
        if (meterProvider != null) {
            closer = new Thread(() -> {
                SinkBridge.markAgentThread();
                meterProvider.shutdown().join(budgetMillis, TimeUnit.MILLISECONDS);
            }, "sinkwatch-export-close");
            closer.setDaemon(true);
            closer.start();
        }
        try {
            awaitSent(deadline);
            if (closer != null) {
                closer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            logs.shutdown(); // no more retries; a batch still queued is sent once, on the daemon thread, unwaited
        }
    }

    /** Waits until every batch handed over has its outcome, or the deadline. */
    private synchronized void awaitSent(long deadlineNanos) throws InterruptedException {
        for (long left = deadlineNanos - System.nanoTime(); inFlight > 0 && left > 0;
             left = deadlineNanos - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
