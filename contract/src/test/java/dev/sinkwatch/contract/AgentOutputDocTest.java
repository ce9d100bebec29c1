package dev.sinkwatch.contract;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/agent-output.md and this module say the same: every name one holds, the other holds too. */
class AgentOutputDocTest {
    private static final List<Class<?>> NAME_CLASSES =
            List.of(SinkEvents.class, SinkAttributes.class, ResourceAttributes.class, AgentMetrics.class);
    /** Dotted names the page mentions that are neither attributes nor events: where a version may come from. */
    private static final Set<String> NOT_ON_THE_WIRE = Set.of("git.commit.id", "git.properties");
    private static final Pattern DOTTED = Pattern.compile("`([a-z][a-z_]*(?:\\.[a-z_]+)+)`");
    private static final Pattern CONFIG_KEY_ROW = Pattern.compile("^\\| `(sinkwatch\\.[a-z_.]+)` \\|", Pattern.MULTILINE);

    private static final String PAGE = read("agent-output.md");

    @Test
    @DisplayName("every event, attribute and metric name of the contract is documented, and every value it defines")
    void contractIsDocumented() throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : NAME_CLASSES) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    String value = (String) field.get(null);
                    if (!PAGE.contains("`" + value + "`")) {
                        missing.add(type.getSimpleName() + "." + field.getName() + " = " + value);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "in the contract but not in docs/agent-output.md");
    }

    @Test
    @DisplayName("every dotted name the page documents is in the contract (config keys and git.properties aside)")
    void documentedNamesAreInTheContract() throws IllegalAccessException {
        Set<String> contract = new TreeSet<>();
        for (Class<?> type : NAME_CLASSES) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    contract.add((String) field.get(null));
                }
            }
        }
        Set<String> configKeys = new TreeSet<>();
        Matcher row = CONFIG_KEY_ROW.matcher(read("agent-config.md"));
        while (row.find()) {
            configKeys.add(row.group(1));
        }
        assertTrue(configKeys.contains("sinkwatch.endpoint"), "config keys read from docs/agent-config.md");
        Set<String> unknown = new TreeSet<>();
        Matcher name = DOTTED.matcher(PAGE);
        while (name.find()) {
            String n = name.group(1);
            if (!contract.contains(n) && !configKeys.contains(n) && !NOT_ON_THE_WIRE.contains(n)) {
                unknown.add(n);
            }
        }
        assertEquals(Set.of(), unknown, "documented in docs/agent-output.md but not in the contract");
    }

    @Test
    @DisplayName("every kind has a row in the operations table listing each of its operations")
    void kindsAndOperationsAreDocumented() {
        for (SinkKind kind : SinkKind.values()) {
            Matcher row = Pattern.compile("^\\| `" + kind.wireName() + "` \\|([^\\n]*)$", Pattern.MULTILINE)
                    .matcher(PAGE);
            assertTrue(row.find(), "no row for kind " + kind.wireName());
            Set<String> documented = new TreeSet<>();
            Matcher name = Pattern.compile("`([a-z]+)`").matcher(row.group(1).split("\\|")[0]);
            while (name.find()) {
                documented.add(name.group(1));
            }
            Set<String> contract = new TreeSet<>();
            for (SinkOperation operation : SinkOperation.values()) {
                if (operation.kind() == kind) {
                    contract.add(operation.wireName());
                }
            }
            assertEquals(contract, documented, "operations of " + kind.wireName());
        }
    }

    @Test
    @DisplayName("the overflow markers and the last latency bucket are the documented ones")
    void markersAndBuckets() {
        assertTrue(PAGE.contains("`" + OverflowMarkers.TARGET + "`"), OverflowMarkers.TARGET);
        assertTrue(PAGE.contains("`" + OverflowMarkers.FUNCTION + "`"), OverflowMarkers.FUNCTION);
        assertTrue(PAGE.contains(LatencyBucketEncoding.COUNT + " buckets"), "bucket count " + LatencyBucketEncoding.COUNT);
        assertTrue(PAGE.contains("bucket " + LatencyBucketEncoding.LAST), "last bucket " + LatencyBucketEncoding.LAST);
        for (String value : List.of(SinkAttributes.OUTCOME_OK, SinkAttributes.OUTCOME_ERROR, SinkAttributes.ORIGIN_APP,
                SinkAttributes.ORIGIN_LIBRARY, ResourceAttributes.DISTRO)) {
            assertTrue(PAGE.contains("`" + value + "`"), value);
        }
    }

    private static String read(String page) {
        Path path = Path.of("..", "docs", page);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path.toAbsolutePath() + ": " + e, e);
        }
    }
}
