package dev.sinkwatch.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path file = dir.resolve("collector.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    @DisplayName("with nothing configured every setting has its catalogue default")
    void defaults() {
        CollectorConfig config = ConfigLoader.load(List.of(), Map.of()).config();
        assertEquals("127.0.0.1", config.bind());
        assertEquals(4318, config.otlpPort());
        assertEquals(4319, config.apiPort());
        assertEquals(Path.of("sinkwatch-data"), config.dataDir());
        assertEquals(false, config.postgres());
        assertEquals(4_194_304L, config.longValue(Settings.INGEST_MAX_BODY));
        assertEquals("default", config.source(Settings.OTLP_PORT));
    }

    @Test
    @DisplayName("precedence: flag over environment over file over default")
    void precedence() throws Exception {
        Path file = file("""
                server:
                  otlp-port: 5000
                  api-port: 5001
                  bind: 0.0.0.0
                ingest:
                  queue-capacity: 10
                """);
        Map<String, String> env = Map.of("SINKWATCH_SERVER_API_PORT", "6001", "SINKWATCH_SERVER_BIND", "127.0.0.2");
        CollectorConfig config = ConfigLoader.load(
                flags("--config", file.toString(), "--bind", "127.0.0.3", "--set", "ingest.queue-capacity=20"),
                env).config();
        assertEquals(5000, config.otlpPort(), "file");
        assertEquals(6001, config.apiPort(), "env over file");
        assertEquals("127.0.0.3", config.bind(), "flag over env");
        assertEquals(20, config.integer(Settings.INGEST_QUEUE_CAPACITY), "--set over file");
        assertEquals(file + ":2", config.source(Settings.OTLP_PORT));
        assertEquals("env SINKWATCH_SERVER_API_PORT", config.source(Settings.API_PORT));
    }

    @Test
    @DisplayName("SINKWATCH_CONFIG names the file when --config is absent")
    void configFromEnvironment() throws Exception {
        Path file = file("storage:\n  data-dir: /var/lib/sw\n");
        ConfigLoader.Result result = ConfigLoader.load(List.of(),
                Map.of("SINKWATCH_CONFIG", file.toString(), "SINKWATCH_SERVICE_NAME", "agent-setting"));
        assertEquals(Path.of("/var/lib/sw"), result.config().dataDir());
        assertEquals(1, result.warnings().size(), "unknown SINKWATCH_ variables are warned about");
    }

    @Test
    @DisplayName("--store postgresql needs a URL; with --postgres-url it is accepted")
    void postgres() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--store", "postgresql"), Map.of()));
        assertTrue(e.getMessage().contains("storage.postgres.url"), e.getMessage());
        CollectorConfig config = ConfigLoader.load(flags("--store", "postgresql", "--postgres-url", "jdbc:postgresql://127.0.0.1:5432/test"), Map.of()).config();
        assertTrue(config.postgres());
    }

    @Test
    @DisplayName("an unknown key is rejected with its name, the file and the line")
    void unknownKey() throws Exception {
        Path file = file("""
                server:
                  bind: 127.0.0.1
                  otlp-prot: 4318
                """);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--config", file.toString()), Map.of()));
        assertTrue(e.getMessage().contains("'server.otlp-prot'"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    @DisplayName("an unknown top-level section is rejected too")
    void unknownSection() throws Exception {
        Path file = file("servre:\n  bind: x\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--config", file.toString()), Map.of()));
        assertTrue(e.getMessage().contains("'servre'") && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    @DisplayName("a value of the wrong type names the key, the file and the line")
    void badValue() throws Exception {
        Path file = file("server:\n  api-port: 70000\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--config", file.toString()), Map.of()));
        assertTrue(e.getMessage().contains("'server.api-port'") && e.getMessage().contains("line 2")
                && e.getMessage().contains(file.toString()), e.getMessage());
        ConfigException env = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(List.of(), Map.of("SINKWATCH_SERVER_OTLP_PORT", "http")));
        assertTrue(env.getMessage().contains("SINKWATCH_SERVER_OTLP_PORT"), env.getMessage());
        ConfigException choice = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--store", "mysql"), Map.of()));
        assertTrue(choice.getMessage().contains("--store") && choice.getMessage().contains("postgresql"),
                choice.getMessage());
    }

    @Test
    @DisplayName("broken YAML is reported with the file and the line")
    void brokenYaml() throws Exception {
        Path file = file("server:\n  bind: 127.0.0.1\n   otlp-port: [4318\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--config", file.toString()), Map.of()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("broken YAML"), e.getMessage());
    }

    @Test
    @DisplayName("duplicate keys, lists for values and a missing file are errors")
    void otherFileErrors() throws Exception {
        Path dup = file("server:\n  bind: a\n  bind: b\n");
        assertThrows(ConfigException.class, () -> ConfigLoader.load(flags("--config", dup.toString()), Map.of()));
        Path list = file("server:\n  bind: [a, b]\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--config", list.toString()), Map.of()));
        assertTrue(e.getMessage().contains("'server.bind'") && e.getMessage().contains("list"), e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(flags("--config", dir.resolve("nope.yaml").toString()), Map.of()));
        assertTrue(missing.getMessage().contains("nope.yaml"), missing.getMessage());
    }

    @Test
    @DisplayName("an empty file means all defaults")
    void emptyFile() throws Exception {
        Path file = file("# nothing yet\n");
        assertEquals(4318, ConfigLoader.load(flags("--config", file.toString()), Map.of()).config().otlpPort());
    }

    @Test
    @DisplayName("Main exits with code 2 and names file, line and key for a broken config")
    void mainExitCode() throws Exception {
        Path file = file("ingest:\n  max-body-bytes: lots\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = dev.sinkwatch.collector.Main.run(new String[] {"serve", "--config", file.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(file.toString()) && message.contains("line 2")
                && message.contains("ingest.max-body-bytes"), message);
    }

    @Test
    @DisplayName("serve --help lists every setting and exits 0")
    void help() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = dev.sinkwatch.collector.Main.run(new String[] {"serve", "--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        for (Setting setting : Settings.all()) {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(setting.key()), setting.key());
        }
    }

    /** Name-value pairs as the command line hands them over. */
    private static List<ConfigLoader.Flag> flags(String... nameValuePairs) {
        List<ConfigLoader.Flag> flags = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            flags.add(new ConfigLoader.Flag(nameValuePairs[i], nameValuePairs[i + 1]));
        }
        return flags;
    }
}
