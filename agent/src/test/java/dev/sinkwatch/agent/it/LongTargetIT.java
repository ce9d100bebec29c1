package dev.sinkwatch.agent.it;

import com.example.sinkapp.LongStatementApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 2 MB statement is exported as a target capped at {@code sinkwatch.target.max.chars}, marked as truncated. */
class LongTargetIT {

    @Test
    void aTwoMegabyteStatementExportsACappedTarget() throws Exception {
        AppRun.Result run = AppRun.of(Jdk.all().get(0), LongStatementApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args("jdbc:h2:mem:long")
                .run().assertSucceeded();
        int line = SourceMarkers.line(LongStatementApp.class, "long");
        List<JsonNode> keys = run.keysAt("jdbc", "execute", SourceMarkers.file(LongStatementApp.class), line);
        assertEquals(1, keys.size(), run::describeKeys);
        String target = keys.get(0).path("target").asText();
        assertEquals(32 * 1024 + "…(truncated)".length(), target.length());
        assertTrue(target.startsWith("SELECT x FROM sw_missing_table WHERE col_a = col_b AND"), target.substring(0, 80));
        assertTrue(target.endsWith("…(truncated)"));
        assertTrue(run.console().length() < 200_000, "the console record is small: " + run.console().length());
    }
}
