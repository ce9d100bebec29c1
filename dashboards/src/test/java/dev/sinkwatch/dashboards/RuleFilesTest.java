package dev.sinkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule and routing conventions promtool does not check, and docs/dashboards.md kept in sync. */
class RuleFilesTest {

    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    @DisplayName("every alerting rule has a severity label the Alertmanager example routes, a summary and a description")
    @SuppressWarnings("unchecked")
    void rulesAreLabelledAndAnnotated() {
        List<Map<String, Object>> rules = Artifacts.alertingRules();
        assertTrue(rules.size() >= 8, "rules: " + rules.size());
        Set<String> names = new HashSet<>();
        for (Map<String, Object> rule : rules) {
            String name = (String) rule.get("alert");
            assertTrue(names.add(name), "duplicate alert " + name);
            assertTrue(name.matches("Sinkwatch[A-Z][A-Za-z]+"), name);
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            assertTrue(labels != null && SEVERITIES.contains(labels.get("severity")), name + ": severity " + labels);
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertFalse(String.valueOf(annotations.get("summary")).isBlank(), name + ": summary");
            assertTrue(String.valueOf(annotations.get("description")).length() > 60, name + ": description");
        }
        for (String wanted : List.of("SinkwatchCriticalAlertsFiring", "SinkwatchIngestRejecting",
                "SinkwatchOutboxBacklogGrowing", "SinkwatchAgentsDroppingExports", "SinkwatchCollectorDown")) {
            assertTrue(names.contains(wanted), "missing rule " + wanted);
        }
    }

    @Test
    @DisplayName("every alerting rule has a promtool unit test")
    @SuppressWarnings("unchecked")
    void everyRuleIsUnitTested() {
        Set<String> tested = new HashSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) Artifacts.yaml(Artifacts.ruleTests()).get("tests")) {
            for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                if (!((List<?>) check.getOrDefault("exp_alerts", List.of())).isEmpty()) {
                    tested.add((String) check.get("alertname"));
                }
            }
        }
        for (Map<String, Object> rule : Artifacts.alertingRules()) {
            assertTrue(tested.contains(rule.get("alert")), rule.get("alert") + " never fires in sinkwatch.rules.test.yml");
        }
    }

    @Test
    @DisplayName("the Alertmanager example routes every severity and has no receiver without a route")
    @SuppressWarnings("unchecked")
    void alertmanagerRoutesSeverities() {
        Map<String, Object> config = Artifacts.yaml(Artifacts.alertmanagerConfig());
        Map<String, Object> route = (Map<String, Object>) config.get("route");
        Set<String> used = new HashSet<>(Set.of((String) route.get("receiver")));
        Set<String> matched = new HashSet<>();
        for (Map<String, Object> child : (List<Map<String, Object>>) route.get("routes")) {
            used.add((String) child.get("receiver"));
            for (String matcher : (List<String>) child.get("matchers")) {
                matched.add(matcher);
            }
        }
        assertTrue(matched.contains("severity=\"critical\""), matched.toString());
        Set<String> declared = new HashSet<>();
        for (Map<String, Object> receiver : (List<Map<String, Object>>) config.get("receivers")) {
            declared.add((String) receiver.get("name"));
            assertTrue(receiver.containsKey("webhook_configs"), receiver.toString());
        }
        assertEquals(declared, used);
    }

    @Test
    @DisplayName("docs/dashboards.md names every dashboard (title and uid), panel and alerting rule")
    void docsInSync() {
        String docs = Artifacts.read(Artifacts.docs());
        for (Artifacts.Dashboard d : Artifacts.dashboards()) {
            assertTrue(docs.contains(d.title()), "docs miss dashboard " + d.title());
            assertTrue(docs.contains("`" + d.uid() + "`"), "docs miss uid " + d.uid());
            for (JsonNode panel : d.panels()) {
                assertTrue(docs.contains(panel.path("title").asText()),
                        "docs miss panel " + d.title() + " / " + panel.path("title").asText());
            }
        }
        for (Map<String, Object> rule : Artifacts.alertingRules()) {
            assertTrue(docs.contains("`" + rule.get("alert") + "`"), "docs miss rule " + rule.get("alert"));
        }
    }
}
