package dev.sinkwatch.collector.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved settings: every key of {@link Settings} with its typed value and where the value came from.
 * Immutable; build one with {@link ConfigLoader}.
 */
public final class CollectorConfig {

    private final Map<String, Object> values;
    private final Map<String, String> sources;

    CollectorConfig(Map<String, Object> values, Map<String, String> sources) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** All defaults: what the collector runs with when nothing is configured. */
    public static CollectorConfig defaults() {
        return ConfigLoader.load(java.util.List.of(), Map.of()).config();
    }

    /** A copy with some settings replaced (tests and the demo); values are raw text, parsed as from a file. */
    public CollectorConfig with(Map<String, String> overrides) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        Map<String, String> copySources = new LinkedHashMap<>(sources);
        overrides.forEach((key, raw) -> {
            Setting setting = Settings.byKey(key);
            if (setting == null) {
                throw new ConfigException("unknown key '" + key + "'");
            }
            copy.put(key, setting.parse(raw));
            copySources.put(key, "override");
        });
        return new CollectorConfig(copy, copySources);
    }

    public Object get(Setting setting) {
        return values.get(setting.key());
    }

    public String string(Setting setting) {
        return (String) values.get(setting.key());
    }

    public int integer(Setting setting) {
        return (Integer) values.get(setting.key());
    }

    public java.time.Duration duration(Setting setting) {
        return (java.time.Duration) values.get(setting.key());
    }

    public double doubleValue(Setting setting) {
        return (Double) values.get(setting.key());
    }

    public long longValue(Setting setting) {
        return (Long) values.get(setting.key());
    }

    /** Where the value came from: {@code default}, {@code file:line}, the environment variable or the flag. */
    public String source(Setting setting) {
        return sources.get(setting.key());
    }

    public String bind() {
        return string(Settings.BIND);
    }

    public int otlpPort() {
        return integer(Settings.OTLP_PORT);
    }

    public int apiPort() {
        return integer(Settings.API_PORT);
    }

    public Path dataDir() {
        return Path.of(string(Settings.DATA_DIR));
    }

    public boolean postgres() {
        return "postgresql".equals(string(Settings.STORE));
    }

    /** One line per setting, secrets masked: printed at start so operators see what is in force. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Setting setting : Settings.all()) {
            Object value = values.get(setting.key());
            String shown = setting.type() == Setting.Type.SECRET && !"".equals(value) ? "****"
                    : setting.key().equals(Settings.ALERT_RECEIVERS.key()) ? String.valueOf(value).replaceAll("=[^,]*", "=****")
                    : String.valueOf(value);
            out.append("  ").append(setting.key()).append(" = ").append(shown)
                    .append("  (").append(sources.get(setting.key())).append(")\n");
        }
        return out.toString();
    }
}
