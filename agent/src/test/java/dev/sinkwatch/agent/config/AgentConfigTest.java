package dev.sinkwatch.agent.config;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentConfigTest {

    private static AgentConfig load(String args, Map<String, String> props, Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(props);
        return AgentConfig.load(args, p, env);
    }

    @Nested
    class Precedence {
        @Test
        void agentArgumentsWinOverSystemPropertiesWhichWinOverTheEnvironment() {
            AgentConfig c = load("exporter=console", Map.of("sinkwatch.exporter", "none", "sinkwatch.endpoint", "http://p:1"),
                    Map.of("SINKWATCH_EXPORTER", "otlp", "SINKWATCH_ENDPOINT", "http://e:1", "SINKWATCH_KEYS_MAX", "7"));
            assertEquals("console", c.exporter());
            assertEquals("http://p:1", c.endpoint());
            assertEquals(7, c.keysMax());
            assertTrue(c.problems().isEmpty(), c.problems()::toString);
        }

        @Test
        void openTelemetryVariablesAreFallbacks() {
            AgentConfig c = load("", Map.of(), Map.of("OTEL_SERVICE_NAME", "orders",
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/", "OTEL_RESOURCE_ATTRIBUTES", "service.version=2.0,team=a"));
            assertEquals("orders", c.serviceName());
            assertEquals("http://collector:4318", c.endpoint());
            assertEquals("2.0", c.serviceVersion());
            AgentConfig explicit = load("service.name=billing", Map.of(), Map.of("OTEL_SERVICE_NAME", "orders"));
            assertEquals("billing", explicit.serviceName());
        }

        @Test
        void defaultsApplyWhenNothingIsGiven() {
            AgentConfig c = load(null, Map.of(), Map.of());
            assertEquals("http://localhost:4318", c.endpoint());
            assertEquals("otlp", c.exporter());
            assertEquals(10_000, c.exportIntervalMillis());
            assertEquals(List.of("jdbc", "file", "net", "process", "deserialization", "jndi", "ldap", "xpath"),
                    List.copyOf(c.sinks()));
            assertNull(c.serviceName());
        }
    }

    @Nested
    class Problems {
        @Test
        void unknownKeysAreReportedWithTheKnownOnes() {
            AgentConfig c = load("exporterr=console", Map.of("sinkwatch.endpiont", "x"), Map.of("SINKWATCH_DEBUGG", "true"));
            assertEquals(3, c.problems().size(), c.problems()::toString);
            assertTrue(c.problems().get(0).contains("sinkwatch.endpiont") || c.problems().get(0).contains("SINKWATCH_DEBUGG"));
            assertTrue(String.join("\n", c.problems()).contains("sinkwatch.exporterr"));
            assertTrue(String.join("\n", c.problems()).contains("known: sinkwatch.service.name"));
        }

        @Test
        void badValuesFallBackToTheDefaultAndSaySo() {
            AgentConfig c = load("exporter=kafka,keys.max=-3,export.interval=soon,sinks=jdbc;smtp", Map.of(), Map.of());
            assertEquals("otlp", c.exporter());
            assertEquals(10_000, c.keysMax());
            assertEquals(10_000, c.exportIntervalMillis());
            String all = String.join("\n", c.problems());
            assertTrue(all.contains("sinkwatch.exporter=kafka"), all);
            assertTrue(all.contains("sinkwatch.keys.max=-3"), all);
            assertTrue(all.contains("sinkwatch.export.interval=soon"), all);
            assertTrue(all.contains("unknown kind 'smtp'"), all);
        }

        @Test
        void blockingIsOffByDefaultAndAnUnknownRuleBlocksNothing() {
            assertTrue(load(null, Map.of(), Map.of()).blockedRules().isEmpty());
            AgentConfig c = load("block=SQL.injection;shell.injection;sql.inject", Map.of(), Map.of());
            assertEquals(List.of("sql.injection", "shell.injection"), List.copyOf(c.blockedRules()));
            assertTrue(String.join("\n", c.problems()).contains("unknown rule 'sql.inject'"), c.problems()::toString);
        }

        @Test
        void anArgumentWithoutEqualsIsReported() {
            assertFalse(load("console", Map.of(), Map.of()).problems().isEmpty());
        }
    }

    @Test
    void listsInAgentArgumentsUseSemicolons() {
        AgentConfig c = load("app.packages=com.acme;org.shared,sinks=jdbc;file", Map.of(), Map.of());
        assertEquals(List.of("com.acme", "org.shared"), c.appPackages());
        assertEquals(List.of("jdbc", "file"), List.copyOf(c.sinks()));
    }

    @Test
    void durationsTakeUnits() {
        assertEquals(500, AgentConfig.parseMillis("k", "500ms"));
        assertEquals(2_000, AgentConfig.parseMillis("k", "2s"));
        assertEquals(60_000, AgentConfig.parseMillis("k", "1m"));
    }

    /** docs/agent-config.md lists exactly the settings of {@link AgentSetting}, with the same defaults. */
    @Test
    void theDocumentationListsEverySettingWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("../docs/agent-config.md"));
        long rows = doc.lines().filter(l -> l.startsWith("| `sinkwatch.")).count();
        assertEquals(AgentSetting.values().length, rows, "one table row per setting");
        for (AgentSetting s : AgentSetting.values()) {
            String expected = "| `" + s.key() + "` | " + (s.defaultValue().isEmpty() ? "*(empty)*" : "`" + s.defaultValue() + "`")
                    + " | " + s.description() + " |";
            assertTrue(doc.contains(expected), "docs/agent-config.md should have the row:\n" + expected);
        }
    }
}
