package dev.sinkwatch.agent.export;

import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.contract.LatencyBucketEncoding;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkEvents;
import dev.sinkwatch.agent.AgentLog;
import dev.sinkwatch.agent.aggregate.KeyStats;
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
 * <p>The sink (OTLP or console) is created here, not in premain, so that its class loading,
 * {@code java.util.logging} and network start after the application has. The OTLP sink (the OpenTelemetry SDK's
 * resource and OTLP marshaling, and the agent's sender: some 100 of the SDK's classes) starts only once the
 * application has started: at the first request it serves or at the end of the first export interval, whichever
 * comes first (or at exit). New keys seen before wait in {@link #pending}, in order, and go out first; on one CPU
 * the sink's start does not compete with the application's.
 */
public final class ExportLoop implements Runnable {
    private final AgentConfig config;
    private final Recorder recorder;
    private final String agentVersion;
    private final long intervalMillis;
    private final long[] drained = new long[KeyStats.CELLS];
    /** New keys seen before the sink started; the export thread's only (and the shutdown hook's, under the lock). */
    private final List<KeyStats> pending = new ArrayList<>();
    private final long firstIntervalAtMillis;
    private volatile boolean running = true;
    private EventSink sink;
    private ServiceIdentity identity;
    private long intervalStartMillis = System.currentTimeMillis();

    public ExportLoop(AgentConfig config, Recorder recorder, String agentVersion) {
        this.config = config;
        this.recorder = recorder;
        this.agentVersion = agentVersion;
        this.intervalMillis = config.exportIntervalMillis();
        this.firstIntervalAtMillis = intervalStartMillis + intervalMillis;
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
        long nextIntervalAt = firstIntervalAtMillis;
        while (running) {
            try {
                KeyStats key = recorder.pollNewKey(200);
                synchronized (this) { // against the shutdown hook, which closes the sink
                    if (!running) {
                        return; // the hook has sent the last records and closed the sink
                    }
                    while (key != null) {
                        if (sinkMayStart()) {
                            sendNew(key);
                        } else {
                            pending.add(key);
                        }
                        key = recorder.pollNewKey(0);
                    }
                    if (!pending.isEmpty() && sinkMayStart()) {
                        sendPending();
                    }
                    if (running && System.currentTimeMillis() >= nextIntervalAt) {
                        sendInterval();
                        nextIntervalAt += intervalMillis;
                    }
                    if (sink != null) {
                        sink.flush();
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

    /**
     * Whether the sink may be created now: the console sink at once (it is cheap), the OTLP sink once the application
     * has served a request or the first interval has ended. The caller holds the lock.
     */
    private boolean sinkMayStart() {
        return sink != null || !config.exporter().equals("otlp") || SinkBridge.requestsSeen()
                || System.currentTimeMillis() >= firstIntervalAtMillis;
    }

    /** Sends the keys that waited for the sink, oldest first. The caller holds the lock. */
    private void sendPending() {
        for (KeyStats key : pending) {
            sendNew(key);
        }
        pending.clear();
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
                            intervalMillis, recorder, config.exportMetrics(), config.debug());
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
        r.put(SinkEvents.EVENT_NAME, SinkEvents.SINK_NEW);
        identityAttributes(key, r);
        r.put(SinkAttributes.OUTCOME,
                key.firstCall().errorType == null ? SinkAttributes.OUTCOME_OK : SinkAttributes.OUTCOME_ERROR);
        r.put(SinkAttributes.ERROR_TYPE, key.firstCall().errorType);
        r.put(SinkAttributes.DURATION_NANOS, key.firstCall().durationNanos);
        r.put(SinkAttributes.CALLSITE_FRAMES, key.frames());
        r.put(SinkAttributes.CALLSITE_ORIGIN, key.appOrigin() ? SinkAttributes.ORIGIN_APP : SinkAttributes.ORIGIN_LIBRARY);
        r.put(SinkAttributes.THREAD_NAME, key.firstCall().threadName);
        for (java.util.Map.Entry<String, Object> e : key.attributes().entrySet()) {
            r.put(e.getKey(), e.getValue());
        }
        r.put(SinkAttributes.TARGET_RAW, key.firstCall().rawTarget);
        sink().newKey(key, r);
    }

    private void identityAttributes(KeyStats key, Record r) {
        r.put(SinkAttributes.KEY, key.keyId());
        r.put(SinkAttributes.KIND, key.target().kind().equals(TargetTable.OVERFLOW_KIND)
                ? OperationNames.kind(key.operation())
                : key.target().kind());
        r.put(SinkAttributes.OPERATION, OperationNames.of(key.operation()));
        r.put(SinkAttributes.TARGET, key.target().text());
        CallSite site = recorder.callSites().get(key.callSiteId());
        if (site != null) {
            r.put(SinkAttributes.CODE_FUNCTION_NAME, site.functionName());
            r.put(SinkAttributes.CODE_FILE_PATH, site.fileName());
            r.put(SinkAttributes.CODE_LINE_NUMBER, (long) site.line());
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
            r.put(SinkEvents.EVENT_NAME, SinkEvents.SINK_DELTA);
            identityAttributes(key, r);
            r.put(SinkAttributes.INTERVAL_START_UNIX_MILLIS, start);
            r.put(SinkAttributes.INTERVAL_END_UNIX_MILLIS, end);
            r.put(SinkAttributes.COUNT, KeyStats.count(drained));
            r.put(SinkAttributes.ERRORS, KeyStats.errors(drained));
            r.put(SinkAttributes.DURATION_SUM_NANOS, KeyStats.sumNanos(drained));
            r.put(SinkAttributes.DURATION_MAX_NANOS, KeyStats.maxNanos(drained));
            r.put(SinkAttributes.DURATION_BUCKETS, buckets(drained));
            s.delta(key, r);
        });
        Record status = new Record(end);
        status.put(SinkEvents.EVENT_NAME, SinkEvents.AGENT_STATUS);
        status.put(SinkAttributes.KEYS, (long) recorder.keys().size());
        status.put(SinkAttributes.KEYS_CAPACITY, (long) recorder.keys().capacity());
        status.put(SinkAttributes.KEYS_OVERFLOW, recorder.overflowCalls());
        status.put(SinkAttributes.EXPORT_DROPPED, s.dropped() + recorder.newKeysDropped());
        status.put(SinkAttributes.STACK_WALKS, recorder.stackWalks());
        s.status(status);
    }

    private static long[] buckets(long[] drained) {
        List<Long> pairs = new ArrayList<>();
        for (int i = 0; i < LatencyBucketEncoding.COUNT; i++) {
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
                sendPending();
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
