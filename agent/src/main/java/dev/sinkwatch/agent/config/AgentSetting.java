package dev.sinkwatch.agent.config;

/**
 * The catalogue of every agent setting: its key, default and meaning. docs/agent-config.md lists the same, and
 * {@code AgentSettingDocTest} keeps the two in sync.
 *
 * <p>Each key can be given as a system property ({@code -Dsinkwatch.endpoint=...}), an environment variable
 * ({@code SINKWATCH_ENDPOINT}: upper case, dots to underscores) or an agent argument
 * ({@code -javaagent:sinkwatch-agent.jar=endpoint=...,exporter=console}; the {@code sinkwatch.} prefix is optional
 * there). Agent arguments win over system properties, which win over the environment.
 */
public enum AgentSetting {
    SERVICE_NAME("sinkwatch.service.name", "",
            "Service name; falls back to OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES service.name, then the main class or jar name."),
    SERVICE_VERSION("sinkwatch.service.version", "",
            "Service version; falls back to OTEL_RESOURCE_ATTRIBUTES service.version, then git.commit.id of a git.properties on the class path."),
    VCS_REVISION("sinkwatch.vcs.revision", "",
            "Commit the running build was made from (vcs.ref.head.revision); falls back to git.properties."),
    ENDPOINT("sinkwatch.endpoint", "http://localhost:4318",
            "OTLP/HTTP base URL of the collector; falls back to OTEL_EXPORTER_OTLP_ENDPOINT."),
    TOKEN("sinkwatch.token", "",
            "Bearer token sent to the collector when its ingest requires one."),
    EXPORTER("sinkwatch.exporter", "otlp",
            "otlp (to the collector), console (one JSON line per new key) or none."),
    CONSOLE_FILE("sinkwatch.console.file", "",
            "File the console exporter appends to; empty means standard error."),
    APP_PACKAGES("sinkwatch.app.packages", "",
            "Comma-separated package prefixes of the application's own code; empty means detected: the real main "
            + "class's package in full (Spring Boot's Start-Class, Quarkus's application jars, Tomcat's web "
            + "applications; see agent.md), never a framework namespace. The start-up line 'application code: ...' "
            + "says what was chosen."),
    SINKS("sinkwatch.sinks", "jdbc,file,net,process,deserialization,jndi,ldap,xpath",
            "Comma-separated sink kinds to watch."),
    EXPORT_INTERVAL("sinkwatch.export.interval", "10s",
            "How often known keys' deltas are sent (ms, s or m suffix)."),
    EXPORT_METRICS("sinkwatch.export.metrics", "false",
            "Also send the agent's own metrics (sink calls by kind, keys held, overflow, failed exports) on "
            + "/v1/metrics, for an OpenTelemetry backend other than the sinkwatch collector, which reads the same "
            + "figures from the agent's status records. Off by default: the metrics SDK loads about 230 more classes "
            + "and costs about 0.1 s of CPU at start-up."),
    KEYS_MAX("sinkwatch.keys.max", "10000",
            "Most keys held; calls for further keys are counted under one overflow key per kind. 64 more are kept "
                    + "for calls a request input reached, so a flood of keys cannot hide an injection."),
    TARGET_MAX_CHARS("sinkwatch.target.max.chars", "32768",
            "Longest target exported (chars); a longer one is cut there and ends with the mark \u2026(truncated)."),
    STACK_WALKS_PER_SECOND("sinkwatch.stackwalks.per.second", "20",
            "Budget of stack walks for sink calls that no woven call site explains (library and framework threads, "
            + "Spring Data repositories): each re-checks which line calls a known target. A walk of a deep framework "
            + "stack costs 50 to 200 \u00b5s."),
    CAPTURE_RAW("sinkwatch.capture.raw", "false",
            "Also send the unnormalised target on new-key records (may contain literals and secrets: debugging only)."),
    BLOCK("sinkwatch.block", "",
            "Comma-separated rules whose input-correlated calls are stopped before the sink runs, with a "
            + "SecurityException naming the rule: sql.injection, shell.injection, file.traversal, net.ssrf, "
            + "jndi.injection. Empty: nothing is ever blocked."),
    DEBUG("sinkwatch.debug", "false",
            "Log the agent's own decisions to standard error.");

    private final String key;
    private final String defaultValue;
    private final String description;

    AgentSetting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** {@code SINKWATCH_EXPORT_INTERVAL} for {@code sinkwatch.export.interval}. */
    public String environmentVariable() {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    static AgentSetting forKey(String key) {
        for (AgentSetting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
