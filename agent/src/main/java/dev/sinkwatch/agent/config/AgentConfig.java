package dev.sinkwatch.agent.config;

import dev.sinkwatch.contract.SinkAttributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The agent's resolved configuration: every {@link AgentSetting} from agent arguments, system properties and the
 * environment, plus the OpenTelemetry fallbacks. Unknown {@code sinkwatch.*} keys and bad values are collected in
 * {@link #problems()} (reported at start-up, never fatal: a typo must not stop the application).
 */
public final class AgentConfig {

    private final Map<AgentSetting, String> values = new EnumMap<>(AgentSetting.class);
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> environment;

    private AgentConfig(Map<String, String> environment) {
        this.environment = environment;
    }

    public static AgentConfig load(String agentArgs) {
        return load(agentArgs, System.getProperties(), System.getenv());
    }

    public static AgentConfig load(String agentArgs, Properties systemProperties, Map<String, String> environment) {
        AgentConfig config = new AgentConfig(environment);
        for (AgentSetting s : AgentSetting.values()) {
            String v = environment.get(s.environmentVariable());
            if (v != null) {
                config.values.put(s, v.trim());
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("sinkwatch.")) {
                config.put(name, systemProperties.getProperty(name), "system property");
            }
        }
        for (String name : environment.keySet()) {
            if (name.startsWith("SINKWATCH_") && !config.isKnownEnvironmentVariable(name)) {
                config.problems.add("unknown environment variable " + name + " (known: " + knownKeys() + ")");
            }
        }
        if (agentArgs != null && !agentArgs.isBlank()) {
            for (String pair : agentArgs.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    config.problems.add("agent argument '" + pair + "' is not key=value");
                    continue;
                }
                String key = pair.substring(0, eq).trim();
                config.put(key.startsWith("sinkwatch.") ? key : "sinkwatch." + key, pair.substring(eq + 1), "agent argument");
            }
        }
        config.validate();
        return config;
    }

    private boolean isKnownEnvironmentVariable(String name) {
        for (AgentSetting s : AgentSetting.values()) {
            if (s.environmentVariable().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void put(String key, String value, String source) {
        AgentSetting setting = AgentSetting.forKey(key);
        if (setting == null) {
            problems.add("unknown " + source + " " + key + " (known: " + knownKeys() + ")");
        } else {
            values.put(setting, value.trim());
        }
    }

    private static String knownKeys() {
        StringBuilder sb = new StringBuilder();
        for (AgentSetting s : AgentSetting.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s.key());
        }
        return sb.toString();
    }

    private void validate() {
        String exporter = get(AgentSetting.EXPORTER);
        if (!exporter.equals("otlp") && !exporter.equals("console") && !exporter.equals("none")) {
            problems.add("sinkwatch.exporter=" + exporter + " is not otlp, console or none; using otlp");
            values.put(AgentSetting.EXPORTER, "otlp");
        }
        for (String kind : sinks()) {
            if (!AgentSetting.SINKS.defaultValue().contains(kind)) {
                problems.add("sinkwatch.sinks names unknown kind '" + kind + "' (known: " + AgentSetting.SINKS.defaultValue() + ")");
            }
        }
        for (String rule : listed(AgentSetting.BLOCK)) {
            if (!BLOCKABLE_RULES.contains(rule)) {
                problems.add("sinkwatch.block names unknown rule '" + rule + "' (known: "
                        + String.join(",", BLOCKABLE_RULES) + "); it blocks nothing");
            }
        }
        checkNumber(AgentSetting.KEYS_MAX);
        checkNumber(AgentSetting.TARGET_MAX_CHARS);
        checkNumber(AgentSetting.STACK_WALKS_PER_SECOND);
        try {
            exportIntervalMillis();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + "; using " + AgentSetting.EXPORT_INTERVAL.defaultValue());
            values.remove(AgentSetting.EXPORT_INTERVAL);
        }
    }

    private void checkNumber(AgentSetting setting) {
        try {
            if (Long.parseLong(get(setting)) <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problems.add(setting.key() + "=" + get(setting) + " is not a positive number; using " + setting.defaultValue());
            values.remove(setting);
        }
    }

    /** The value given for the setting, or its default. */
    public String get(AgentSetting setting) {
        String v = values.get(setting);
        return v == null ? setting.defaultValue() : v;
    }

    /** Whether the user set this explicitly (anywhere). */
    public boolean isSet(AgentSetting setting) {
        String v = values.get(setting);
        return v != null && !v.isEmpty();
    }

    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    public String endpoint() {
        if (isSet(AgentSetting.ENDPOINT)) {
            return stripSlash(get(AgentSetting.ENDPOINT));
        }
        String otel = environment.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        return stripSlash(otel != null && !otel.isBlank() ? otel.trim() : AgentSetting.ENDPOINT.defaultValue());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The explicit or OpenTelemetry-provided service name, or null (then derived from the main class). */
    public String serviceName() {
        if (isSet(AgentSetting.SERVICE_NAME)) {
            return get(AgentSetting.SERVICE_NAME);
        }
        String otel = environment.get("OTEL_SERVICE_NAME");
        if (otel != null && !otel.isBlank()) {
            return otel.trim();
        }
        return otelResourceAttribute("service.name");
    }

    public String serviceVersion() {
        return isSet(AgentSetting.SERVICE_VERSION) ? get(AgentSetting.SERVICE_VERSION) : otelResourceAttribute("service.version");
    }

    /** A value from {@code OTEL_RESOURCE_ATTRIBUTES} ({@code k=v,k2=v2}), or null. */
    public String otelResourceAttribute(String name) {
        String all = environment.get("OTEL_RESOURCE_ATTRIBUTES");
        if (all == null) {
            return null;
        }
        for (String pair : all.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String v = pair.substring(eq + 1).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    public String exporter() {
        return get(AgentSetting.EXPORTER);
    }

    public Set<String> sinks() {
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : get(AgentSetting.SINKS).split("[,;]")) {
            if (!k.isBlank()) {
                kinds.add(k.trim().toLowerCase(Locale.ROOT));
            }
        }
        return kinds;
    }

    /** The rules {@code sinkwatch.block} may name: those the input correlation decides. */
    public static final List<String> BLOCKABLE_RULES = List.of(SinkAttributes.RULE_SQL_INJECTION,
            SinkAttributes.RULE_SHELL_INJECTION, SinkAttributes.RULE_FILE_TRAVERSAL, SinkAttributes.RULE_NET_SSRF,
            SinkAttributes.RULE_JNDI_INJECTION);

    /** The rules listed in {@code sinkwatch.block} that exist (an unknown one is reported as a problem). */
    public Set<String> blockedRules() {
        Set<String> rules = listed(AgentSetting.BLOCK);
        rules.retainAll(BLOCKABLE_RULES);
        return rules;
    }

    private Set<String> listed(AgentSetting setting) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : get(setting).split("[,;]")) {
            if (!item.isBlank()) {
                items.add(item.trim().toLowerCase(Locale.ROOT));
            }
        }
        return items;
    }

    public boolean sinkEnabled(String kind) {
        return sinks().contains(kind);
    }

    public List<String> appPackages() {
        List<String> prefixes = new ArrayList<>();
        for (String p : get(AgentSetting.APP_PACKAGES).split("[,;]")) {
            if (!p.isBlank()) {
                prefixes.add(p.trim());
            }
        }
        return prefixes;
    }

    public long exportIntervalMillis() {
        return parseMillis(AgentSetting.EXPORT_INTERVAL.key(), get(AgentSetting.EXPORT_INTERVAL));
    }

    public int keysMax() {
        return Integer.parseInt(get(AgentSetting.KEYS_MAX));
    }

    /** {@code sinkwatch.target.max.chars}: the longest target exported. */
    public int targetMaxChars() {
        return Integer.parseInt(get(AgentSetting.TARGET_MAX_CHARS));
    }

    public int stackWalksPerSecond() {
        return Integer.parseInt(get(AgentSetting.STACK_WALKS_PER_SECOND));
    }

    public boolean exportMetrics() {
        return Boolean.parseBoolean(get(AgentSetting.EXPORT_METRICS));
    }

    public boolean captureRaw() {
        return Boolean.parseBoolean(get(AgentSetting.CAPTURE_RAW));
    }

    public boolean debug() {
        return Boolean.parseBoolean(get(AgentSetting.DEBUG));
    }

    static long parseMillis(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t.trim()) * unit;
            if (v < 100) {
                throw new IllegalArgumentException(key + "=" + text + " is below 100ms");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + text + " is not a duration like 500ms, 10s or 1m");
        }
    }

    @Override
    public String toString() {
        return "AgentConfig" + values + (problems.isEmpty() ? "" : " problems=" + Arrays.toString(problems.toArray()));
    }
}
