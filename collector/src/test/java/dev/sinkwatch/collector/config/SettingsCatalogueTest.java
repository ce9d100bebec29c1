package dev.sinkwatch.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/collector-config.md and {@link Settings} describe the same keys, types, defaults and flags. */
class SettingsCatalogueTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| `([a-z0-9.-]+)` \\| ([^|]+?) \\| (?:`([^`]*)`)? ?\\| (?:`([^`]*)`)? ?\\| (.+) \\|$");

    @Test
    @DisplayName("every setting in code is in the doc with the same type, default and flag, and vice versa")
    void docAndCodeAgree() throws Exception {
        Path doc = Path.of("..", "docs", "collector-config.md");
        assertTrue(Files.exists(doc), "missing " + doc.toAbsolutePath());
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), new String[] {m.group(2).trim(), m.group(3) == null ? "" : m.group(3),
                        m.group(4) == null ? "" : m.group(4)});
            }
        }
        for (Setting setting : Settings.all()) {
            String[] row = rows.remove(setting.key());
            assertTrue(row != null, "setting " + setting.key() + " is not documented in " + doc);
            assertEquals(setting.type().docName(), row[0], "type of " + setting.key());
            assertEquals(setting.defaultValue(), row[1], "default of " + setting.key());
            assertEquals(setting.flag() == null ? "" : setting.flag(), row[2], "flag of " + setting.key());
        }
        assertTrue(rows.isEmpty(), "documented but not in Settings: " + rows.keySet());
    }

    @Test
    @DisplayName("every default parses as its own type")
    void defaultsParse() {
        for (Setting setting : Settings.all()) {
            setting.parse(setting.defaultValue());
        }
    }
}
