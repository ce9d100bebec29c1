package dev.sinkwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/alerts.md lists every setting, every alert field and every meter; this keeps it so. */
class AlertDocsTest {

    private static String docs() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path docs = here.resolve("docs/alerts.md");
        if (!Files.exists(docs)) {
            docs = here.resolveSibling("docs").resolve("alerts.md"); // surefire runs in collector/
        }
        return Files.readString(docs);
    }

    @Test
    @DisplayName("every AlertSettings component has a row in the settings table")
    void settingsDocumented() throws IOException {
        String docs = docs();
        for (RecordComponent component : AlertSettings.class.getRecordComponents()) {
            assertTrue(docs.contains("| `" + component.getName() + "` |"), "docs/alerts.md lacks setting "
                    + component.getName());
        }
    }

    @Test
    @DisplayName("every Alert field is in the alert JSON table")
    void alertFieldsDocumented() throws IOException {
        String docs = docs();
        for (RecordComponent component : Alert.class.getRecordComponents()) {
            assertTrue(docs.contains("`" + component.getName() + "`"), "docs/alerts.md lacks alert field "
                    + component.getName());
        }
    }

    @Test
    @DisplayName("every meter is in the metrics table")
    void metersDocumented() throws IOException {
        String docs = docs();
        for (String meter : new String[] {"sinkwatch.alerts.raised", "sinkwatch.alerts.active",
                "sinkwatch.alerts.deliveries", "sinkwatch.alerts.outbox.backlog"}) {
            assertTrue(docs.contains("`" + meter + "`"), "docs/alerts.md lacks meter " + meter);
        }
    }
}
