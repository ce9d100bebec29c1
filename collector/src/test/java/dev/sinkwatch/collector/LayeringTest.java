package dev.sinkwatch.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (STYLE.md habit 11), checked on the sources' imports: ingest never knows about
 * detection or alerts; detection and the model do no HTTP; attribution knows nothing of HTTP; only {@code Main} (and
 * the demo, which runs a whole collector) wires components together.
 */
class LayeringTest {

    static final Path MAIN = Path.of("src/main/java/dev/sinkwatch/collector");

    /** package → packages (prefixes under dev.sinkwatch.collector, or other roots) it must not import. */
    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "model", List.of("dev.sinkwatch.collector.", "com.sun.net.httpserver"),
            "ingest", List.of("dev.sinkwatch.collector.detect", "dev.sinkwatch.collector.alert",
                    "dev.sinkwatch.collector.profile", "dev.sinkwatch.collector.pipeline",
                    "dev.sinkwatch.collector.api"),
            "pipeline", List.of("dev.sinkwatch.collector.detect", "dev.sinkwatch.collector.alert",
                    "dev.sinkwatch.collector.api", "com.sun.net.httpserver"),
            "detect", List.of("dev.sinkwatch.collector.ingest", "dev.sinkwatch.collector.api",
                    "dev.sinkwatch.collector.alert", "dev.sinkwatch.collector.http", "com.sun.net.httpserver"),
            "attribution", List.of("dev.sinkwatch.collector.api", "dev.sinkwatch.collector.http",
                    "com.sun.net.httpserver", "dev.sinkwatch.collector.alert"),
            "config", List.of("dev.sinkwatch.collector.ingest", "dev.sinkwatch.collector.alert",
                    "dev.sinkwatch.collector.detect", "dev.sinkwatch.collector.api"));

    @Test
    @DisplayName("no package imports what its layer must not know")
    void dependenciesPointOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = MAIN.resolve(rule.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (!line.startsWith("import ")) {
                            continue;
                        }
                        String imported = line.substring("import ".length()).replace("static ", "").trim();
                        for (String forbidden : rule.getValue()) {
                            boolean own = imported.startsWith("dev.sinkwatch.collector." + rule.getKey() + ".");
                            boolean model = imported.startsWith("dev.sinkwatch.collector.model.")
                                    && !rule.getKey().equals("model");
                            if (imported.startsWith(forbidden) && !own && !model) {
                                violations.add(MAIN.relativize(file) + ": " + line.trim());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
