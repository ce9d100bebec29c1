package dev.sinkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus and Alertmanager files pass their own tools. */
class ConfigToolsIT {

    @Test
    @DisplayName("promtool check config: prometheus.yml and the rule file it loads")
    void prometheusConfig() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Path config = Artifacts.prometheusConfig();
        String out = Tools.check(config.getParent(), promtool.toString(), "check", "config", config.toString());
        assertTrue(out.contains("SUCCESS: 1 rule files found"), out);
    }

    @Test
    @DisplayName("promtool check rules: sinkwatch.rules.yml, lint included")
    void rules() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        String out = Tools.check(Artifacts.module(), promtool.toString(), "check", "rules",
                Artifacts.rules().toString());
        assertTrue(out.contains("SUCCESS: " + Artifacts.alertingRules().size() + " rules found"), out);
    }

    @Test
    @DisplayName("promtool test rules: sinkwatch.rules.test.yml")
    void ruleUnitTests() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Path tests = Artifacts.ruleTests();
        String out = Tools.check(tests.getParent(), promtool.toString(), "test", "rules", tests.toString());
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    @DisplayName("amtool check-config: alertmanager.yml")
    void alertmanagerConfig() throws Exception {
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");
        String out = Tools.check(Artifacts.module(), amtool.toString(), "check-config",
                Artifacts.alertmanagerConfig().toString());
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    @DisplayName("amtool routes: critical pages, warning and info go to the team, unlabelled alerts too")
    void alertmanagerRoutes() throws Exception {
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");
        assertEquals("pager", route(amtool, "severity=critical", "alertname=SinkwatchCollectorDown"));
        assertEquals("pager", route(amtool, "severity=critical", "alertname=sinkwatch_sql_injection", "service=shop"));
        assertEquals("team", route(amtool, "severity=warning", "alertname=SinkwatchIngestRejecting"));
        assertEquals("team", route(amtool, "severity=info", "alertname=sinkwatch_novelty_jdbc"));
        assertEquals("team", route(amtool, "alertname=Other"));
    }

    /** The receivers amtool routes an alert with these labels to (stdout; its stderr only warns about the URL flag). */
    private static String route(Path amtool, String... labels) throws Exception {
        List<String> command = new ArrayList<>(List.of(amtool.toString(), "config", "routes", "test",
                "--config.file=" + Artifacts.alertmanagerConfig()));
        command.addAll(List.of(labels));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "amtool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out.strip();
    }
}
