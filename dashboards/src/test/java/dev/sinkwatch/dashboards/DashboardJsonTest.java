package dev.sinkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Grafana JSON is importable anywhere: data source chosen by a variable, stable uids, a query per panel. */
class DashboardJsonTest {

    /** The uids other things link to (alert.dashboard-url, docs): changing one breaks bookmarks and links. */
    static final Map<String, String> UIDS = Map.of(
            "sinkwatch-overview.json", "sinkwatch-overview",
            "sinkwatch-collector-health.json", "sinkwatch-collector-health");

    /** Labels the collector's metrics carry (docs/collector.md), plus Prometheus' job and instance. */
    static final Set<String> SINKWATCH_LABELS = Set.of("service", "kind", "severity", "detector", "attribution", "signal", "outcome",
            "result", "state", "receiver", "quantile", "job", "instance", "area");

    private static final Pattern DS_REF = Pattern.compile("\\$\\{?datasource}?");

    @Test
    @DisplayName("both dashboards exist, with their stable uids and sinkwatch titles")
    void uidsAndTitles() {
        List<Artifacts.Dashboard> dashboards = Artifacts.dashboards();
        Map<String, String> found = new java.util.TreeMap<>();
        Set<String> titles = new HashSet<>();
        for (Artifacts.Dashboard d : dashboards) {
            found.put(d.file(), d.uid());
            assertTrue(d.uid().matches("[a-z0-9-]{1,40}"), d.file() + ": uid " + d.uid());
            assertTrue(d.title().startsWith("sinkwatch — "), d.file() + ": title " + d.title());
            assertTrue(titles.add(d.title()), "duplicate title " + d.title());
            assertTrue(d.json().path("tags").toString().contains("\"sinkwatch\""), d.file() + ": tag sinkwatch");
            assertTrue(d.json().path("id").isMissingNode() || d.json().path("id").isNull(),
                    d.file() + ": no instance-specific id");
        }
        assertEquals(new java.util.TreeMap<>(UIDS), found);
        assertEquals(UIDS.size(), new HashSet<>(found.values()).size(), "uids unique");
    }

    @Test
    @DisplayName("no __inputs: every dashboard has a datasource variable of type datasource for prometheus")
    void datasourceVariable() {
        for (Artifacts.Dashboard d : Artifacts.dashboards()) {
            assertTrue(d.json().path("__inputs").isMissingNode(), d.file() + " has __inputs");
            assertTrue(d.json().path("__requires").isMissingNode(), d.file() + " has __requires (an export artefact)");
            JsonNode ds = d.variables().stream().filter(v -> v.path("name").asText().equals("datasource"))
                    .findFirst().orElse(null);
            assertNotNull(ds, d.file() + ": no datasource variable");
            assertEquals("datasource", ds.path("type").asText(), d.file());
            assertEquals("prometheus", ds.path("query").asText(), d.file());
            for (JsonNode v : d.variables()) {
                if (v.path("type").asText().equals("query")) {
                    assertTrue(DS_REF.matcher(v.path("datasource").path("uid").asText()).matches(),
                            d.file() + ": variable " + v.path("name").asText() + " uses " + v.path("datasource"));
                    assertTrue(v.path("includeAll").asBoolean() && !v.path("allValue").asText().isEmpty(),
                            d.file() + ": variable " + v.path("name").asText() + " needs All with an allValue");
                }
            }
        }
    }

    @Test
    @DisplayName("every panel queries $datasource with a PromQL expr that uses only known variables")
    void panels() {
        for (Artifacts.Dashboard d : Artifacts.dashboards()) {
            Map<String, String> values = Queries.substitutions(d);
            Set<Integer> ids = new HashSet<>();
            Set<String> panelTitles = new HashSet<>();
            assertFalse(d.panels().isEmpty(), d.file());
            for (JsonNode row : d.json().path("panels")) {
                assertTrue(row.has("gridPos"), d.file() + ": " + row.path("title").asText() + " has no gridPos");
            }
            for (JsonNode panel : d.panels()) {
                String where = d.file() + " / " + panel.path("title").asText();
                assertTrue(ids.add(panel.path("id").asInt()), where + ": duplicate panel id");
                assertTrue(panelTitles.add(panel.path("title").asText()), where + ": duplicate title");
                assertFalse(panel.path("description").asText().isBlank(), where + ": no description");
                assertTrue(DS_REF.matcher(panel.path("datasource").path("uid").asText()).matches(),
                        where + ": panel datasource " + panel.path("datasource"));
                assertTrue(panel.path("targets").isArray() && panel.path("targets").size() > 0, where + ": no targets");
                for (JsonNode target : panel.path("targets")) {
                    assertTrue(DS_REF.matcher(target.path("datasource").path("uid").asText()).matches(),
                            where + ": target datasource " + target.path("datasource"));
                    String expr = target.path("expr").asText();
                    assertFalse(expr.isBlank(), where + ": target " + target.path("refId") + " has no expr");
                    String resolved = Queries.resolve(expr, values);
                    assertFalse(resolved.contains("$"), where + ": unresolved variable in " + resolved);
                    assertTrue(resolved.contains("sinkwatch_") || resolved.contains("up{")
                            || resolved.contains("process_") || resolved.contains("jvm_"), where + ": " + expr);
                }
            }
        }
    }

    @Test
    @DisplayName("queries group by bounded labels only: never a call site, target or alert id")
    void boundedLabels() {
        Pattern grouping = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
        Pattern legend = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
        for (Artifacts.Dashboard d : Artifacts.dashboards()) {
            for (JsonNode panel : d.panels()) {
                for (JsonNode target : panel.path("targets")) {
                    List<String> labels = new ArrayList<>();
                    var m = grouping.matcher(target.path("expr").asText());
                    while (m.find()) {
                        for (String l : m.group(1).split(",")) {
                            if (!l.isBlank()) {
                                labels.add(l.trim());
                            }
                        }
                    }
                    var l = legend.matcher(target.path("legendFormat").asText());
                    while (l.find()) {
                        labels.add(l.group(1));
                    }
                    for (String label : labels) {
                        assertTrue(SINKWATCH_LABELS.contains(label), d.file() + " / " + panel.path("title").asText()
                                + ": label " + label + " is not one of " + SINKWATCH_LABELS);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("panels lie on the 24-column grid without overlapping")
    void layout() {
        for (Artifacts.Dashboard d : Artifacts.dashboards()) {
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode p : d.json().path("panels")) {
                JsonNode g = p.path("gridPos");
                int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
                assertTrue(box[0] >= 0 && box[2] > 0 && box[0] + box[2] <= 24 && box[3] > 0,
                        d.file() + ": " + p.path("title").asText() + " off the grid");
                for (int[] other : boxes) {
                    boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                            && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                    assertFalse(overlap, d.file() + ": " + p.path("title").asText() + " overlaps another panel");
                }
                boxes.add(box);
            }
        }
    }

    @Test
    @DisplayName("provisioning: a file provider for the dashboards and a Prometheus data source")
    @SuppressWarnings("unchecked")
    void provisioning() {
        Map<String, Object> dashboards = Artifacts.yaml(Artifacts.grafana()
                .resolve("provisioning/dashboards/sinkwatch.yaml"));
        assertEquals(1, dashboards.get("apiVersion"));
        Map<String, Object> provider = ((List<Map<String, Object>>) dashboards.get("providers")).get(0);
        assertEquals("file", provider.get("type"));
        assertNotNull(((Map<String, Object>) provider.get("options")).get("path"));

        Map<String, Object> datasources = Artifacts.yaml(Artifacts.grafana()
                .resolve("provisioning/datasources/prometheus.yaml"));
        Map<String, Object> ds = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertEquals("prometheus", ds.get("type"));
        assertTrue(String.valueOf(ds.get("url")).startsWith("http"), String.valueOf(ds.get("url")));
    }
}
