package dev.sinkwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A panel's PromQL as Prometheus would receive it from Grafana: Grafana's interval macros and the dashboard's
 * variables replaced. Query variables take their "All" value ({@code allValue}, a regex matching everything), which
 * is what a freshly opened dashboard sends.
 */
final class Queries {

    /** Grafana's built-in macros, with values that suit a Prometheus scraping every second. */
    static final Map<String, String> MACROS = Map.of(
            "__rate_interval", "1m",
            "__interval", "15s",
            "__range", "5m");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)");

    private Queries() {
    }

    /** Variable name → value substituted: macros, and each query variable's {@code allValue}. */
    static Map<String, String> substitutions(Artifacts.Dashboard dashboard) {
        Map<String, String> values = new LinkedHashMap<>(MACROS);
        for (JsonNode variable : dashboard.variables()) {
            if ("query".equals(variable.path("type").asText())) {
                values.put(variable.path("name").asText(), variable.path("allValue").asText(".*"));
            }
        }
        return values;
    }

    /** The expression with every {@code $name} / {@code ${name}} / {@code ${name:format}} substituted. */
    static String resolve(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("unknown variable $" + name + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code label_values(metric{...}, label)} → metric selector and label; null when the query is not that form. */
    static String[] labelValues(String query) {
        Matcher m = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$").matcher(query.trim());
        return m.matches() ? new String[] {m.group(1).trim(), m.group(2)} : null;
    }
}
