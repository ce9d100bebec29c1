package dev.sinkwatch.collector.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of every collector setting, with its default. This class and {@code docs/collector-config.md} are
 * the two places a setting is described; {@code SettingsCatalogueTest} fails when they disagree.
 *
 * <p>Precedence, lowest first: default, config file ({@code --config} or {@code SINKWATCH_CONFIG}), environment
 * ({@code SINKWATCH_<KEY>}), command-line flag ({@code --otlp-port 4318} or {@code --set key=value}).
 */
public final class Settings {

    private static final Map<String, Setting> BY_KEY = new LinkedHashMap<>();

    public static final Setting BIND = add("server.bind", Setting.Type.STRING, "127.0.0.1", "--bind",
            "Address both HTTP servers bind to; 0.0.0.0 exposes them on every interface.");
    public static final Setting OTLP_PORT = add("server.otlp-port", Setting.Type.PORT, "4318", "--otlp-port",
            "OTLP/HTTP ingest port (/v1/logs, /v1/metrics, /v1/traces); 0 picks a free port.");
    public static final Setting API_PORT = add("server.api-port", Setting.Type.PORT, "4319", "--api-port",
            "API, /metrics and /healthz port; 0 picks a free port.");
    public static final Setting HTTP_THREADS = add("server.threads", Setting.Type.INT, "8", null,
            "Worker threads per HTTP server; further requests wait (at most one per open connection).");
    public static final Setting HTTP_IDLE_TIMEOUT = add("server.idle-timeout", Setting.Type.DURATION, "30s", null,
            "A connection idle this long is closed: waiting for request headers, for body bytes, or between requests.");
    public static final Setting HTTP_MAX_CONNECTIONS = add("server.max-connections", Setting.Type.INT, "1000", null,
            "Open connections per HTTP server; further clients wait in the accept backlog.");
    public static final Setting HTTP_MIN_REQUEST_RATE = add("server.min-request-bytes-per-second", Setting.Type.LONG,
            "1024", null, "A request body arriving slower than this is abandoned (slow-body clients).");
    public static final Setting HTTP_MAX_BUFFERED = add("server.max-buffered-bytes", Setting.Type.LONG, "67108864",
            null, "Request bodies being received at once, in bytes, per HTTP server; beyond, requests get 503.");
    public static final Setting STORE = addChoice("storage.kind", "embedded", "--store",
            List.of("embedded", "postgresql"),
            "embedded (H2 file under storage.data-dir, nothing to install) or postgresql (shared by several collectors).");
    public static final Setting DATA_DIR = add("storage.data-dir", Setting.Type.STRING, "sinkwatch-data", "--data-dir",
            "Directory of the embedded database and other local state; created when missing.");
    public static final Setting POSTGRES_URL = add("storage.postgres.url", Setting.Type.STRING, "", "--postgres-url",
            "JDBC URL when storage.kind is postgresql, e.g. jdbc:postgresql://127.0.0.1:5432/sinkwatch.");
    public static final Setting POSTGRES_USER = add("storage.postgres.user", Setting.Type.STRING, "", null,
            "PostgreSQL user (empty: the driver's default).");
    public static final Setting POSTGRES_PASSWORD = add("storage.postgres.password", Setting.Type.SECRET, "", null,
            "PostgreSQL password (empty: none).");
    public static final Setting INGEST_MAX_BODY = add("ingest.max-body-bytes", Setting.Type.LONG, "4194304", null,
            "Largest request body accepted as sent (compressed), in bytes; larger gets 413.");
    public static final Setting INGEST_MAX_DECOMPRESSED = add("ingest.max-decompressed-bytes", Setting.Type.LONG,
            "16777216", null, "Largest request body after gzip decompression, in bytes; larger gets 413.");
    public static final Setting INGEST_MAX_NAME_BYTES = add("ingest.max-name-bytes", Setting.Type.INT, "200", null,
            "Cap on service name and version, instance id, operation, key and attribute names, in UTF-8 bytes; "
                    + "longer values are cut and end with ...[truncated].");
    public static final Setting INGEST_MAX_FIELD_BYTES = add("ingest.max-field-bytes", Setting.Type.INT, "1024", null,
            "Cap on function, file, each call-site frame and each attribute value, in UTF-8 bytes (cut and marked).");
    public static final Setting INGEST_MAX_TARGET_BYTES = add("ingest.max-target-bytes", Setting.Type.INT, "8192",
            null, "Cap on a record's target (SQL fingerprint, path, URL, command), in UTF-8 bytes (cut and marked).");
    public static final Setting INGEST_MAX_FRAMES = add("ingest.max-frames", Setting.Type.INT, "64", null,
            "Call-site frames kept per record (the innermost).");
    public static final Setting INGEST_MAX_ATTRIBUTES = add("ingest.max-attributes", Setting.Type.INT, "32", null,
            "Other attributes kept per record.");
    public static final Setting INGEST_QUEUE_CAPACITY = add("ingest.queue-capacity", Setting.Type.INT, "200000", null,
            "Observations held between ingest and the pipeline; a request that does not fit gets 429.");
    public static final Setting INGEST_QUEUE_MAX_BYTES = add("ingest.queue-max-bytes", Setting.Type.LONG,
            "268435456", null, "Estimated heap bytes of the observations held between ingest and the pipeline; a "
                    + "request that does not fit gets 429.");
    public static final Setting INGEST_JOURNAL = addChoice("ingest.journal", "fsync", null,
            List.of("fsync", "os", "off"), "Write-ahead journal of accepted observations under storage.data-dir: "
                    + "fsync (on disk before the 200), os (written to the OS: survives kill -9, not a power loss), off.");
    public static final Setting INGEST_JOURNAL_CHECKPOINT = add("ingest.journal-checkpoint-interval",
            Setting.Type.DURATION, "2s", null,
            "How often processed journal segments are deleted (after the profiles are flushed).");
    public static final Setting PIPELINE_WORKERS = add("ingest.pipeline-workers", Setting.Type.INT, "2", null,
            "Detection threads; observations of one call site always go to the same one, in order.");
    public static final Setting INGEST_RETRY_AFTER = add("ingest.retry-after-seconds", Setting.Type.INT, "2", null,
            "Retry-After sent with 429 and 503.");
    public static final Setting INGEST_TOKEN = add("ingest.token", Setting.Type.SECRET, "", null,
            "Bearer token agents must send on /v1/* (empty: no authentication).");
    public static final Setting API_READ_TOKENS = add("api.read-tokens", Setting.Type.SECRET, "", null,
            "Named bearer tokens for reading /api/*, as name:secret pairs separated by commas (secrets of 16+ "
                    + "characters); /healthz and /metrics stay open.");
    public static final Setting API_WRITE_TOKENS = add("api.write-tokens", Setting.Type.SECRET, "", null,
            "Named bearer tokens for ack, approve and attribution upload (and reads), as name:secret pairs; the "
                    + "name is recorded as who acted. Required, with ingest.token, to bind beyond loopback.");
    public static final Setting PUBLIC_URL = add("api.public-url", Setting.Type.STRING, "", null,
            "Base URL of the API as users reach it, used in alert links (empty: http://<bind>:<api-port>).");
    public static final Setting ATTRIBUTION_DIR = add("attribution.dir", Setting.Type.STRING, "", null,
            "Directory of attribution index files loaded at start (empty: none); uploads go to POST /api/attribution.");
    public static final Setting ALERT_RECEIVERS = add("alert.receivers", Setting.Type.STRING, "", null,
            "Comma-separated receivers, each [name:]type[@min-severity][=url] with type webhook, slack, alertmanager "
                    + "or log (empty: alerts are stored and served by the API only).");
    public static final Setting ALERT_RESOLVE_TIMEOUT = add("alert.resolve-timeout", Setting.Type.DURATION, "30m", null,
            "A firing alert with no new occurrence for this long is resolved.");
    public static final Setting ALERT_RESEND_INTERVAL = add("alert.resend-interval", Setting.Type.DURATION, "1m", null,
            "How often firing alerts are re-sent to Alertmanager receivers.");
    public static final Setting ALERT_INITIAL_BACKOFF = add("alert.initial-backoff", Setting.Type.DURATION, "1s", null,
            "Wait before retrying a failed delivery; doubles per attempt.");
    public static final Setting ALERT_MAX_BACKOFF = add("alert.max-backoff", Setting.Type.DURATION, "5m", null,
            "Longest wait between delivery retries.");
    public static final Setting ALERT_MAX_ATTEMPTS = add("alert.max-attempts", Setting.Type.INT, "100", null,
            "Delivery attempts before a delivery is given up (counted as dropped).");
    public static final Setting ALERT_POLL_INTERVAL = add("alert.poll-interval", Setting.Type.DURATION, "1s", null,
            "How often delivery workers look for due deliveries (retries, other collectors' alerts).");
    public static final Setting ALERT_SWEEP_INTERVAL = add("alert.sweep-interval", Setting.Type.DURATION, "5s", null,
            "How often inactive alerts are resolved and resends queued.");
    public static final Setting ALERT_REQUEST_TIMEOUT = add("alert.request-timeout", Setting.Type.DURATION, "10s", null,
            "HTTP connect and request timeout of one delivery.");
    public static final Setting ALERT_LEASE = add("alert.lease-duration", Setting.Type.DURATION, "60s", null,
            "How long a claimed delivery belongs to one collector before another may retry it; above the request timeout.");
    public static final Setting ALERT_WORKERS = add("alert.worker-threads", Setting.Type.INT, "2", null,
            "Delivery worker threads.");
    public static final Setting ALERT_RETENTION = add("alert.delivery-retention", Setting.Type.DURATION, "7d", null,
            "Finished delivery rows (delivered or given up) are deleted this long after they finished.");
    public static final Setting ALERT_OUTBOX_CAPACITY = add("alert.outbox-capacity", Setting.Type.INT, "20000", null,
            "Findings waiting for the alert store (journaled with ingest.journal); when full, detection waits and "
                    + "ingest answers 429.");
    public static final Setting ALERT_OUTBOX_MAX_BACKOFF = add("alert.outbox-max-backoff", Setting.Type.DURATION,
            "5s", null, "Longest wait between retries of a finding while the alert store is unreachable.");
    public static final Setting ALERT_DASHBOARD_URL = add("alert.dashboard-url", Setting.Type.STRING, "", null,
            "Dashboard link in alerts; {service} is replaced by the service name (empty: no link).");
    public static final Setting ALERT_CODE_URL = add("alert.code-url-template", Setting.Type.STRING, "", null,
            "Source link in alerts; {file}, {line} and {commit} are replaced (empty: no link).");
    public static final Setting DETECT_QUIET = add("detect.quiet-period", Setting.Type.DURATION, "10m", null,
            "A learning profile becomes stable once nothing new was seen for this long; also one learning window.");
    public static final Setting DETECT_UNSTABLE_TARGETS = add("detect.unstable-after-new-targets", Setting.Type.INT, "20", null,
            "A profile learning more new targets than this after its first learning windows becomes unstable (no novelty alerts).");
    public static final Setting DETECT_UNSTABLE_WINDOWS = add("detect.unstable-after-windows", Setting.Type.INT, "3", null,
            "Learning windows after which new targets count towards instability.");
    public static final Setting DETECT_MAX_TARGETS = add("detect.max-targets-per-profile", Setting.Type.INT, "1000", null,
            "Distinct (operation, target) pairs kept per profile; further new targets are judged but not kept.");
    public static final Setting DETECT_VERSION_GRACE = add("detect.version-grace-window", Setting.Type.DURATION, "1h", null,
            "After a new version inherits a profile, novelty is reported at info and statistics are suppressed this long.");
    public static final Setting DETECT_STATS_MIN_SAMPLES = add("detect.stats.min-samples", Setting.Type.INT, "20", null,
            "Calls an interval needs to be scored.");
    public static final Setting DETECT_STATS_MIN_BASELINE = add("detect.stats.min-baseline-intervals", Setting.Type.INT, "10", null,
            "Baseline intervals a key needs before it is scored.");
    public static final Setting DETECT_STATS_BASELINE = add("detect.stats.baseline-intervals", Setting.Type.INT, "60", null,
            "Recent normal intervals kept as a key's baseline.");
    public static final Setting DETECT_STATS_SUSTAINED = add("detect.stats.sustained-intervals", Setting.Type.INT, "3", null,
            "Consecutive anomalous intervals needed for a statistics finding.");
    public static final Setting DETECT_STATS_THRESHOLD = add("detect.stats.threshold", Setting.Type.DOUBLE, "5.0", null,
            "Robust z-score (median/MAD) above which an interval is anomalous.");
    public static final Setting DETECT_STATS_MAD_FLOOR = add("detect.stats.mad-floor-fraction", Setting.Type.DOUBLE, "0.1", null,
            "Floor of the scale as a fraction of the median.");
    public static final Setting DETECT_STATS_RATE_FLOOR = add("detect.stats.rate-floor-per-second", Setting.Type.DOUBLE, "0.5", null,
            "Absolute floor of the scale for call rates, calls per second.");
    public static final Setting DETECT_STATS_ERROR_FLOOR = add("detect.stats.error-rate-floor", Setting.Type.DOUBLE, "0.02", null,
            "Absolute floor of the scale for error ratios.");
    public static final Setting DETECT_STATS_LATENCY_FLOOR = add("detect.stats.latency-floor-nanos", Setting.Type.LONG, "100000", null,
            "Absolute floor of the scale for latency percentiles, in nanoseconds.");
    public static final Setting DETECT_STATS_MAX_KEYS = add("detect.stats.max-keys-per-profile", Setting.Type.INT, "16", null,
            "Keys per profile that keep statistics; further keys get novelty and day-0 rules only.");
    public static final Setting DETECT_UNSTABLE_INSTANCES = add("detect.unstable-min-instances", Setting.Type.INT,
            "3", null, "Late targets make a profile unstable only once they came from at least this many agent "
                    + "instances (one sender's burst cannot switch novelty off).");
    public static final Setting DETECT_UNSTABLE_SPREAD = add("detect.unstable-min-windows", Setting.Type.INT, "2",
            null, "... and in at least this many different learning windows.");
    public static final Setting DETECT_MAX_PROFILES = add("detect.max-profiles-per-service", Setting.Type.INT,
            "10000", null, "Profiles (call site, kind, version) kept per service; observations of further ones are "
                    + "counted and not judged.");
    public static final Setting DETECT_MAX_VERSIONS = add("detect.max-versions-per-service", Setting.Type.INT, "5",
            null, "Service versions whose profiles are kept per service; a further version drops the profiles of "
                    + "the one seen least recently.");
    public static final Setting DETECT_FLUSH = add("detect.flush-interval", Setting.Type.DURATION, "1s", null,
            "Write-behind period for baseline changes: the most a kill -9 can lose.");
    public static final Setting DETECT_STATS_FLUSH = add("detect.stats-flush-interval", Setting.Type.DURATION, "60s", null,
            "Statistics-only changes are written at most this often.");
    public static final Setting AGENT_INSTANCE_EXPIRY = add("metrics.agent-instance-expiry", Setting.Type.DURATION,
            "5m", null, "An agent instance (JVM) with no status report for this long no longer counts in the agent gauges.");
    public static final Setting METRICS_MAX_SERVICES = add("metrics.max-services", Setting.Type.INT, "500", null,
            "Distinct service label values on /metrics; services beyond are counted under service=\"other\".");

    private Settings() {
    }

    private static Setting add(String key, Setting.Type type, String defaultValue, String flag, String description) {
        return register(new Setting(key, type, defaultValue, flag, List.of(), description));
    }

    private static Setting addChoice(String key, String defaultValue, String flag, List<String> choices,
            String description) {
        return register(new Setting(key, Setting.Type.CHOICE, defaultValue, flag, choices, description));
    }

    private static Setting register(Setting setting) {
        if (BY_KEY.putIfAbsent(setting.key(), setting) != null) {
            throw new IllegalStateException("duplicate setting " + setting.key());
        }
        return setting;
    }

    /** Every setting, in declaration order. */
    public static List<Setting> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_KEY.values()));
    }

    /** The setting with this key, or {@code null}. */
    public static Setting byKey(String key) {
        return BY_KEY.get(key);
    }

    /** The setting with this flag ({@code --otlp-port}), or {@code null}. */
    public static Setting byFlag(String flag) {
        for (Setting setting : BY_KEY.values()) {
            if (flag.equals(setting.flag())) {
                return setting;
            }
        }
        return null;
    }
}
