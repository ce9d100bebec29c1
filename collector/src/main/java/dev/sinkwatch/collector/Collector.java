package dev.sinkwatch.collector;

import dev.sinkwatch.collector.alert.AlertSettings;
import dev.sinkwatch.collector.alert.Alerts;
import dev.sinkwatch.collector.alert.FindingOutbox;
import dev.sinkwatch.collector.alert.ReceiverSettings;
import dev.sinkwatch.collector.api.AiRegionApi;
import dev.sinkwatch.collector.api.AlertApi;
import dev.sinkwatch.collector.api.AlertsAdapter;
import dev.sinkwatch.collector.api.ApiRouter;
import dev.sinkwatch.collector.api.AttributionApi;
import dev.sinkwatch.collector.api.CollectorHealth;
import dev.sinkwatch.collector.api.HealthHandler;
import dev.sinkwatch.collector.api.PrometheusHandler;
import dev.sinkwatch.collector.api.ServiceOverview;
import dev.sinkwatch.collector.config.CollectorConfig;
import dev.sinkwatch.collector.config.ConfigException;
import dev.sinkwatch.collector.config.Settings;
import dev.sinkwatch.collector.detect.DetectionEngine;
import dev.sinkwatch.collector.detect.DetectionSettings;
import dev.sinkwatch.collector.http.ApiAccess;
import dev.sinkwatch.collector.http.ApiTokens;
import dev.sinkwatch.collector.http.BearerAuthenticator;
import dev.sinkwatch.collector.http.BindPolicy;
import dev.sinkwatch.collector.http.HttpServers;
import dev.sinkwatch.collector.ingest.IngestMetrics;
import dev.sinkwatch.collector.ingest.IngestSettings;
import dev.sinkwatch.collector.ingest.ObservationQueue;
import dev.sinkwatch.collector.ingest.OtlpEndpoints;
import dev.sinkwatch.collector.journal.Journal;
import dev.sinkwatch.collector.journal.JournaledQueue;
import dev.sinkwatch.collector.link.AttributionIndexes;
import dev.sinkwatch.collector.link.FindingsToAlerts;
import dev.sinkwatch.collector.metrics.AgentHealth;
import dev.sinkwatch.collector.metrics.CollectorMetrics;
import dev.sinkwatch.collector.model.FindingRef;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.pipeline.CallSiteFrames;
import dev.sinkwatch.collector.pipeline.Pipeline;
import dev.sinkwatch.collector.profile.ProfileStore;
import dev.sinkwatch.collector.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running collector: everything {@code serve} builds, in one object so tests and the demo can run it in process.
 * The one place the collector's components are built and wired; {@link #close()} closes them in reverse order of
 * construction.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Collector.class.getName());
    /** Held so the level sticks (JUL keeps loggers weakly): the pool's start/stop chatter is not news. */
    private static final Logger HIKARI_LOG = Logger.getLogger("com.zaxxer.hikari");
    /** Likewise Flyway's chatter at every start; {@code Database} logs the migrations that ran. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        if (System.getProperty("java.util.logging.config.file") == null) {
            HIKARI_LOG.setLevel(Level.WARNING);
            FLYWAY_LOG.setLevel(Level.WARNING);
        }
    }

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private HttpServers otlpServer;
    private HttpServers apiServer;
    private Pipeline pipeline;
    private FindingOutbox outbox;
    private CollectorMetrics metrics;

    private Collector() {
    }

    public static Collector start(CollectorConfig config) throws IOException {
        Collector collector = new Collector();
        try {
            collector.build(config);
            return collector;
        } catch (IOException | RuntimeException e) {
            collector.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    private void build(CollectorConfig config) throws IOException {
        ApiTokens readTokens = ApiTokens.parse(Settings.API_READ_TOKENS.key(),
                config.string(Settings.API_READ_TOKENS));
        ApiTokens writeTokens = ApiTokens.parse(Settings.API_WRITE_TOKENS.key(),
                config.string(Settings.API_WRITE_TOKENS));
        BindPolicy.requireTokensBeyondLoopback(config.bind(), config.string(Settings.INGEST_TOKEN), writeTokens);
        metrics = own(new CollectorMetrics(config.integer(Settings.METRICS_MAX_SERVICES)));
        // Bound first so their ports are known (port 0) when alert links are configured; served last.
        HttpServers.Limits limits = new HttpServers.Limits(config.duration(Settings.HTTP_IDLE_TIMEOUT),
                config.integer(Settings.HTTP_MAX_CONNECTIONS), config.longValue(Settings.HTTP_MIN_REQUEST_RATE),
                (int) Math.min(Integer.MAX_VALUE - 8, config.longValue(Settings.INGEST_MAX_BODY)),
                config.longValue(Settings.HTTP_MAX_BUFFERED));
        otlpServer = own(HttpServers.bind("sinkwatch-otlp", config.bind(), config.otlpPort(),
                config.integer(Settings.HTTP_THREADS), limits));
        apiServer = own(HttpServers.bind("sinkwatch-api", config.bind(), config.apiPort(),
                config.integer(Settings.HTTP_THREADS), limits));

        Database database;
        if (config.postgres()) {
            database = own(Database.postgres(config.string(Settings.POSTGRES_URL),
                    emptyToNull(config.string(Settings.POSTGRES_USER)),
                    emptyToNull(config.string(Settings.POSTGRES_PASSWORD))));
        } else {
            Files.createDirectories(config.dataDir());
            database = own(Database.embedded(config.dataDir()));
        }

        Clock clock = Clock.systemUTC();
        String attributionDir = config.string(Settings.ATTRIBUTION_DIR);
        AttributionIndexes attribution = new AttributionIndexes(attributionDir.isEmpty()
                ? config.dataDir().resolve("attribution") : Path.of(attributionDir)).loadDirectory();

        Alerts alerts = own(new Alerts(database, alertSettings(config, apiServer.port()), clock,
                metrics.registry()));
        DetectionEngine engine = own(new DetectionEngine(new ProfileStore(database), detectionSettings(config),
                clock, metrics.registry()));
        Pipeline.Detector detector = engine::observe;
        Consumer<FindingRef> baseline = engine::approve;
        FindingOutbox outbox = this.outbox = own(findingOutbox(config, alerts));
        Pipeline.FindingSink findings = new FindingsToAlerts(attribution, outbox, metrics.registry(),
                metrics.serviceLabels());
        AlertApi alertApi = new AlertsAdapter(alerts, baseline);
        ServiceOverview serviceApi = new ServiceOverview(engine, alerts);
        AttributionApi attributionApi = attribution;
        AiRegionApi regionApi = service -> attribution.aiRegions(service, serviceApi.sinkUses(service))
                .map(regions -> (List<?>) regions);

        CallSiteFrames frames = own(new CallSiteFrames(100_000, database, config.duration(Settings.DETECT_FLUSH)));
        pipeline = new Pipeline(config.integer(Settings.INGEST_QUEUE_CAPACITY),
                config.longValue(Settings.INGEST_QUEUE_MAX_BYTES), config.integer(Settings.PIPELINE_WORKERS), detector, findings, metrics.registry(),
                metrics.serviceLabels(), frames).start();
        ObservationQueue ingestQueue = journaled(config, pipeline, () -> {
            engine.flush();
            frames.flush();
        });
        own(pipeline); // closes (drains) before the journal's last checkpoint

        // Closed before the pipeline drains (the deque closes in reverse): stop taking data first.
        own(() -> {
            otlpServer.close();
            apiServer.close();
        });

        IngestMetrics ingestMetrics = new IngestMetrics(metrics.registry(), pipeline);
        AgentHealth agentHealth = new AgentHealth(metrics.registry(), metrics.serviceLabels(),
                config.duration(Settings.AGENT_INSTANCE_EXPIRY), clock);
        String ingestToken = config.string(Settings.INGEST_TOKEN);
        otlpServer.mount(HttpServers.mounts(
                OtlpEndpoints.create(IngestSettings.from(config), ingestMetrics, ingestQueue, agentHealth),
                ingestToken.isEmpty() ? null : new BearerAuthenticator(ingestToken, "sinkwatch-ingest")));

        Database db = database;
        List<HttpServers.Mount> mounts = new ArrayList<>();
        mounts.add(new HttpServers.Mount("/api/", ApiRouter.create(alertApi, serviceApi, attributionApi, regionApi,
                config.string(Settings.PUBLIC_URL)), new ApiAccess(readTokens, writeTokens, "sinkwatch-api")));
        mounts.add(HttpServers.Mount.open("/healthz", new HealthHandler(() -> CollectorHealth.check(pipeline, db))));
        mounts.add(HttpServers.Mount.open("/metrics", new PrometheusHandler(metrics::scrape)));
        apiServer.mount(mounts);
        alerts.start();
        apiServer.start();
        otlpServer.start();
    }

    static DetectionSettings detectionSettings(CollectorConfig config) {
        try {
            return DetectionSettings.builder()
                    .quietPeriod(config.duration(Settings.DETECT_QUIET))
                    .unstableAfterNewTargets(config.integer(Settings.DETECT_UNSTABLE_TARGETS))
                    .unstableAfterWindows(config.integer(Settings.DETECT_UNSTABLE_WINDOWS))
                    .maxTargetsPerProfile(config.integer(Settings.DETECT_MAX_TARGETS))
                    .unstableMinInstances(config.integer(Settings.DETECT_UNSTABLE_INSTANCES))
                    .unstableMinWindows(config.integer(Settings.DETECT_UNSTABLE_SPREAD))
                    .maxProfilesPerService(config.integer(Settings.DETECT_MAX_PROFILES))
                    .maxVersionsPerService(config.integer(Settings.DETECT_MAX_VERSIONS))
                    .versionGraceWindow(config.duration(Settings.DETECT_VERSION_GRACE))
                    .statsMinSamples(config.integer(Settings.DETECT_STATS_MIN_SAMPLES))
                    .statsMinBaselineIntervals(config.integer(Settings.DETECT_STATS_MIN_BASELINE))
                    .statsBaselineIntervals(config.integer(Settings.DETECT_STATS_BASELINE))
                    .statsSustainedIntervals(config.integer(Settings.DETECT_STATS_SUSTAINED))
                    .statsThreshold(config.doubleValue(Settings.DETECT_STATS_THRESHOLD))
                    .statsMadFloorFraction(config.doubleValue(Settings.DETECT_STATS_MAD_FLOOR))
                    .statsRateFloorPerSecond(config.doubleValue(Settings.DETECT_STATS_RATE_FLOOR))
                    .statsErrorRateFloor(config.doubleValue(Settings.DETECT_STATS_ERROR_FLOOR))
                    .statsLatencyFloorNanos(config.longValue(Settings.DETECT_STATS_LATENCY_FLOOR))
                    .maxStatsKeysPerProfile(config.integer(Settings.DETECT_STATS_MAX_KEYS))
                    .flushInterval(config.duration(Settings.DETECT_FLUSH))
                    .statsFlushInterval(config.duration(Settings.DETECT_STATS_FLUSH))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid detection settings: " + e.getMessage());
        }
    }

    /**
     * Findings on their way to the alert store, journaled as the observations are (docs/collector.md,
     * "Durability"): detection never waits on the store, and a store that is down loses nothing.
     */
    private FindingOutbox findingOutbox(CollectorConfig config, Alerts alerts) throws IOException {
        String mode = config.string(Settings.INGEST_JOURNAL);
        Journal<FindingOutbox.Pending> journal = mode.equals("off") ? null : FindingOutbox.journal(
                config.dataDir().resolve("findings"), mode.equals("os") ? Journal.Durability.OS
                        : Journal.Durability.FSYNC);
        return new FindingOutbox(alerts::raise, journal, config.integer(Settings.ALERT_OUTBOX_CAPACITY),
                config.duration(Settings.ALERT_OUTBOX_MAX_BACKOFF),
                config.duration(Settings.INGEST_JOURNAL_CHECKPOINT), metrics.registry());
    }

    /**
     * The write-ahead journal in front of the pipeline (docs/collector.md, "Durability"), its leftovers from the
     * last run replayed first; the pipeline itself when {@code ingest.journal=off}.
     */
    private ObservationQueue journaled(CollectorConfig config, Pipeline pipeline, Runnable flushState)
            throws IOException {
        String mode = config.string(Settings.INGEST_JOURNAL);
        if (mode.equals("off")) {
            return pipeline;
        }
        Journal<Observation> journal = Journal.open(config.dataDir().resolve("journal"),
                mode.equals("os") ? Journal.Durability.OS : Journal.Durability.FSYNC);
        JournaledQueue queue = own(new JournaledQueue(journal, pipeline, flushState,
                config.duration(Settings.INGEST_JOURNAL_CHECKPOINT)));
        long replayed = journal.replay((batch, done) -> {
            while (pipeline.offer(batch, done) == ObservationQueue.Offer.FULL) {
                LockSupport.parkNanos(5_000_000L);
            }
        });
        if (replayed > 0) {
            LOG.info("journal: replayed " + replayed + " observations accepted before the last stop");
        }
        return queue;
    }

    static AlertSettings alertSettings(CollectorConfig config, int apiPort) {
        AlertSettings.Builder builder = AlertSettings.builder()
                .resolveTimeout(config.duration(Settings.ALERT_RESOLVE_TIMEOUT))
                .resendInterval(config.duration(Settings.ALERT_RESEND_INTERVAL))
                .initialBackoff(config.duration(Settings.ALERT_INITIAL_BACKOFF))
                .maxBackoff(config.duration(Settings.ALERT_MAX_BACKOFF))
                .maxAttempts(config.integer(Settings.ALERT_MAX_ATTEMPTS))
                .pollInterval(config.duration(Settings.ALERT_POLL_INTERVAL))
                .sweepInterval(config.duration(Settings.ALERT_SWEEP_INTERVAL))
                .requestTimeout(config.duration(Settings.ALERT_REQUEST_TIMEOUT))
                .leaseDuration(config.duration(Settings.ALERT_LEASE))
                .workerThreads(config.integer(Settings.ALERT_WORKERS))
                .deliveryRetention(config.duration(Settings.ALERT_RETENTION))
                .dashboardUrl(config.string(Settings.ALERT_DASHBOARD_URL))
                .codeUrlTemplate(config.string(Settings.ALERT_CODE_URL))
                .publicUrl(config.string(Settings.PUBLIC_URL).isEmpty()
                        ? "http://" + publicHost(config.bind()) + ":" + apiPort : config.string(Settings.PUBLIC_URL));
        for (String spec : config.string(Settings.ALERT_RECEIVERS).split(",")) {
            if (!spec.isBlank()) {
                try {
                    builder.receiver(ReceiverSettings.parse(spec.trim()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("invalid receiver in alert.receivers (" + config.source(
                            Settings.ALERT_RECEIVERS) + "): " + e.getMessage());
                }
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid alert settings: " + e.getMessage());
        }
    }

    public int otlpPort() {
        return otlpServer.port();
    }

    public int apiPort() {
        return apiServer.port();
    }

    public String host() {
        return otlpServer.host();
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Blocks until everything offered so far went through detection and its findings are in the alert store, or
     * the timeout passes (for tests and the demo: alerts are raised in the background).
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        return pipeline.awaitIdle(timeoutMillis)
                && outbox.awaitEmpty(Math.max(0, deadline - System.currentTimeMillis()));
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable closeable = closeables.pop();
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + closeable.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    private static String publicHost(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
