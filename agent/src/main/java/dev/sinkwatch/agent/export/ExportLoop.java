package dev.sinkwatch.agent.export;

import dev.sinkwatch.agent.AgentLog;
import dev.sinkwatch.agent.aggregate.KeyStats;
import dev.sinkwatch.agent.aggregate.LatencyBuckets;
import dev.sinkwatch.agent.aggregate.OperationNames;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.callsite.CallSite;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.config.AgentSetting;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's one export thread ({@code sinkwatch-export}): sends each new key within a few hundred
 * milliseconds, and every interval the deltas of active keys and a status record. Application threads never wait
 * for it: they only put new keys on a bounded queue and add to counters.
 *
 * <p>The sink (OTLP or console) is created here, on first use, not in premain, so that the SDK's class loading,
 * {@code java.util.logging} and network start after the application has.
 */
public final class ExportLoop implements Runnable {
    private final AgentConfig config;
    private final Recorder recorder;
    private final String agentVersion;
    private final long intervalMillis;
    private final long[] drained = new long[KeyStats.CELLS];
    private volatile boolean running = true;
    private EventSink sink;
    private ServiceIdentity identity;
    private long intervalStartMillis = System.currentTimeMillis();

    public ExportLoop(AgentConfig config, Recorder recorder, String agentVersion) {
        this.config = config;
        this.recorder = recorder;
        this.agentVersion = agentVersion;
        this.intervalMillis = config.exportIntervalMillis();
    }

    /** Starts the export thread and a shutdown hook that sends the last deltas. */
    public static ExportLoop start(AgentConfig config, Recorder recorder, String agentVersion) {
        ExportLoop loop = new ExportLoop(config, recorder, agentVersion);
        Thread thread = new Thread(loop, "sinkwatch-export");
        thread.setDaemon(true);
        thread.start();
        Thread hook = new Thread(loop::shutdown, "sinkwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return loop;
    }

    @Override
    public void run() {
        SinkBridge.markAgentThread();
        long nextIntervalAt = System.currentTimeMillis() + intervalMillis;
        while (running) {
            try {
                KeyStats key = recorder.pollNewKey(200);
                synchronized (this) { // against the shutdown hook, which closes the sink
                    while (key != null) {
                        sendNew(key);
                        key = recorder.pollNewKey(0);
                    }
                    if (running && System.currentTimeMillis() >= nextIntervalAt) {
                        sendInterval();
                        nextIntervalAt += intervalMillis;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                AgentLog.warn("export failed: " + t + "; will retry");
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized EventSink sink() {
        if (sink == null) {
            identity = ServiceIdentity.resolve(config);
            String exporter = config.exporter();
            try {
                if (exporter.equals("console")) {
                    sink = new ConsoleSink(config.get(AgentSetting.CONSOLE_FILE), identity.name);
                } else if (exporter.equals("otlp")) {
                    sink = new OtlpSink(config.endpoint(), config.get(AgentSetting.TOKEN), identity, agentVersion,
                            intervalMillis, recorder, config.debug());
                } else {
                    sink = new NoSink();
                }
            } catch (Throwable t) {
                AgentLog.warn("cannot start the " + exporter + " exporter (" + t + "); nothing will be exported");
                sink = new NoSink();
            }
            AgentLog.debug("exporting as service " + identity.name + " with " + exporter);
        }
        return sink;
    }

    private void sendNew(KeyStats key) {
        Record r = new Record(key.firstCall().unixMillis);
        r.put("event.name", "sinkwatch.sink.new");
        identityAttributes(key, r);
        r.put("sinkwatch.outcome", key.firstCall().errorType == null ? "ok" : "error");
        r.put("error.type", key.firstCall().errorType);
        r.put("sinkwatch.duration_ns", key.firstCall().durationNanos);
        r.put("sinkwatch.callsite.frames", key.frames());
        r.put("sinkwatch.callsite.origin", key.appOrigin() ? "app" : "library");
        r.put("thread.name", key.firstCall().threadName);
        for (java.util.Map.Entry<String, Object> e : key.attributes().entrySet()) {
            r.put(e.getKey(), e.getValue());
        }
        r.put("sinkwatch.target.raw", key.firstCall().rawTarget);
        sink().newKey(key, r);
    }

    private void identityAttributes(KeyStats key, Record r) {
        r.put("sinkwatch.key", key.keyId());
        r.put("sinkwatch.sink.kind", key.target().kind().equals("overflow") ? OperationNames.kind(key.operation())
                : key.target().kind());
        r.put("sinkwatch.sink.operation", OperationNames.of(key.operation()));
        r.put("sinkwatch.target", key.target().text());
        CallSite site = recorder.callSites().get(key.callSiteId());
        if (site != null) {
            r.put("code.function.name", site.functionName());
            r.put("code.file.path", site.fileName());
            r.put("code.line.number", (long) site.line());
        }
    }

    private void sendInterval() {
        EventSink s = sink();
        long end = System.currentTimeMillis();
        long start = intervalStartMillis;
        intervalStartMillis = end;
        recorder.keys().forEach(key -> {
            if (key.drain(drained) == 0) {
                return;
            }
            recorder.countDrained(key.operation(), KeyStats.count(drained));
            Record r = new Record(end);
            r.put("event.name", "sinkwatch.sink.delta");
            identityAttributes(key, r);
            r.put("sinkwatch.interval.start_unix_ms", start);
            r.put("sinkwatch.interval.end_unix_ms", end);
            r.put("sinkwatch.count", KeyStats.count(drained));
            r.put("sinkwatch.errors", KeyStats.errors(drained));
            r.put("sinkwatch.duration.sum_ns", KeyStats.sumNanos(drained));
            r.put("sinkwatch.duration.max_ns", KeyStats.maxNanos(drained));
            r.put("sinkwatch.duration.buckets", buckets(drained));
            s.delta(key, r);
        });
        Record status = new Record(end);
        status.put("event.name", "sinkwatch.agent.status");
        status.put("sinkwatch.keys", (long) recorder.keys().size());
        status.put("sinkwatch.keys.capacity", (long) recorder.keys().capacity());
        status.put("sinkwatch.keys.overflow", recorder.overflowCalls());
        status.put("sinkwatch.export.dropped", s.dropped() + recorder.newKeysDropped());
        status.put("sinkwatch.stack_walks", recorder.stackWalks());
        s.status(status);
    }

    private static long[] buckets(long[] drained) {
        List<Long> pairs = new ArrayList<>();
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            long c = KeyStats.bucket(drained, i);
            if (c != 0) {
                pairs.add((long) i);
                pairs.add(c);
            }
        }
        long[] out = new long[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pairs.get(i);
        }
        return out;
    }

    /** JVM shutdown: send what is queued and the last deltas, then close the sink within a few seconds. */
    void shutdown() {
        SinkBridge.markAgentThread();
        running = false;
        try {
            synchronized (this) {
                KeyStats key = recorder.pollNewKey(0);
                while (key != null) {
                    sendNew(key);
                    key = recorder.pollNewKey(0);
                }
                sendInterval();
                sink().close();
            }
        } catch (Throwable t) {
            AgentLog.debug("final export failed: " + t);
        }
    }

    private static final class NoSink implements EventSink {
        @Override
        public void newKey(KeyStats key, Record record) {
        }

        @Override
        public void delta(KeyStats key, Record record) {
        }

        @Override
        public void status(Record record) {
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
