package dev.sinkwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** Where this module's artifacts are, and their contents parsed. */
final class Artifacts {

    static final ObjectMapper JSON = new ObjectMapper();

    private Artifacts() {
    }

    /** The module directory ({@code dashboards/}); surefire and failsafe pass it, the IDE runs from it. */
    static Path module() {
        return Path.of(System.getProperty("sinkwatch.dashboards.dir", ".")).toAbsolutePath().normalize();
    }

    static Path grafana() {
        return module().resolve("grafana");
    }

    static Path prometheusConfig() {
        return module().resolve("prometheus/prometheus.yml");
    }

    static Path rules() {
        return module().resolve("prometheus/rules/sinkwatch.rules.yml");
    }

    static Path ruleTests() {
        return module().resolve("prometheus/rules/sinkwatch.rules.test.yml");
    }

    static Path alertmanagerConfig() {
        return module().resolve("alertmanager/alertmanager.yml");
    }

    static Path docs() {
        return Path.of(System.getProperty("sinkwatch.docs.dir", module().resolve("../docs").toString()))
                .toAbsolutePath().normalize().resolve("dashboards.md");
    }

    /** Every {@code grafana/*.json}, by file name. */
    static List<Dashboard> dashboards() {
        try (Stream<Path> files = Files.list(grafana())) {
            List<Dashboard> result = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                result.add(new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile())));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The alerting rules of {@code sinkwatch.rules.yml}, flattened over groups. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertingRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(rules()).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Dashboard(String file, JsonNode json) {

        String uid() {
            return json.path("uid").asText();
        }

        String title() {
            return json.path("title").asText();
        }

        /** Panels, rows' nested panels included; row panels themselves are not (they hold no query). */
        List<JsonNode> panels() {
            List<JsonNode> result = new ArrayList<>();
            for (JsonNode panel : json.path("panels")) {
                if ("row".equals(panel.path("type").asText())) {
                    panel.path("panels").forEach(result::add);
                } else {
                    result.add(panel);
                }
            }
            return result;
        }

        List<JsonNode> variables() {
            List<JsonNode> result = new ArrayList<>();
            json.path("templating").path("list").forEach(result::add);
            return result;
        }
    }
}
