package dev.sinkwatch.collector.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Resolves the collector's settings from defaults, one YAML file, {@code SINKWATCH_*} environment variables and
 * command-line flags (in that order, later wins). Every problem is a {@link ConfigException} naming its source:
 * file and line, environment variable or flag, and the key.
 */
public final class ConfigLoader {

    /** Environment variable naming the config file when {@code --config} is absent. */
    public static final String CONFIG_ENV = "SINKWATCH_CONFIG";

    /** The resolved configuration, the file read (or null) and warnings to show. */
    public record Result(CollectorConfig config, Path file, List<String> warnings) {
    }

    /**
     * One command-line flag as given: {@code --config FILE}, {@code --set KEY=VALUE} or a setting's own flag
     * ({@link Setting#flag()}). The command line (picocli, in {@code Main}) parses; this class applies.
     */
    public record Flag(String name, String value) {
    }

    private ConfigLoader() {
    }

    /**
     * @param flags       the flags in the order given; for the same setting the later one wins
     * @param environment usually {@code System.getenv()}
     */
    public static Result load(List<Flag> flags, Map<String, String> environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (Setting setting : Settings.all()) {
            values.put(setting.key(), setting.parse(setting.defaultValue()));
            sources.put(setting.key(), "default");
        }

        // Flags are read first (to find --config) but applied last.
        Map<Setting, String> flagValues = new LinkedHashMap<>();
        Map<Setting, String> flagNames = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        String configFile = null;
        for (Flag flag : flags) {
            String name = flag.name();
            String value = flag.value();
            if (name.equals("--config")) {
                configFile = value;
            } else if (name.equals("--set")) {
                int sep = value.indexOf('=');
                if (sep <= 0) {
                    throw new ConfigException("flag --set expects key=value, got '" + value + "'");
                }
                String key = value.substring(0, sep);
                Setting setting = Settings.byKey(key);
                if (setting == null) {
                    throw new ConfigException("unknown key '" + key + "' in flag --set" + knownKeysHint());
                }
                flagValues.put(setting, value.substring(sep + 1));
                flagNames.put(setting, "--set " + key);
            } else {
                Setting setting = Settings.byFlag(name);
                if (setting == null) {
                    throw new ConfigException("unknown flag " + name);
                }
                flagValues.put(setting, value);
                flagNames.put(setting, name);
            }
        }

        if (configFile == null) {
            String fromEnv = environment.get(CONFIG_ENV);
            if (fromEnv != null && !fromEnv.isBlank()) {
                configFile = fromEnv;
            }
        }
        Path file = configFile == null ? null : Path.of(configFile);
        if (file != null) {
            readFile(file, values, sources);
        }

        for (Map.Entry<String, String> entry : environment.entrySet()) {
            String variable = entry.getKey();
            if (!variable.startsWith("SINKWATCH_") || variable.equals(CONFIG_ENV)) {
                continue;
            }
            Setting setting = byEnvironmentVariable(variable);
            if (setting == null) {
                // Not an error: agents read SINKWATCH_* too, and one environment may serve both.
                warnings.add("ignoring environment variable " + variable + ": no collector setting has that name");
                continue;
            }
            values.put(setting.key(), parse(setting, entry.getValue(), "environment variable " + variable));
            sources.put(setting.key(), "env " + variable);
        }

        for (Map.Entry<Setting, String> entry : flagValues.entrySet()) {
            Setting setting = entry.getKey();
            String flag = flagNames.get(setting);
            values.put(setting.key(), parse(setting, entry.getValue(), "flag " + flag));
            sources.put(setting.key(), "flag " + flag);
        }

        CollectorConfig config = new CollectorConfig(values, sources);
        validate(config);
        return new Result(config, file, List.copyOf(warnings));
    }

    private static void validate(CollectorConfig config) {
        if (config.postgres() && config.string(Settings.POSTGRES_URL).isBlank()) {
            throw new ConfigException("storage.kind is postgresql but storage.postgres.url is empty (set it with "
                    + "--postgres-url, SINKWATCH_STORAGE_POSTGRES_URL or the config file)");
        }
        if (config.longValue(Settings.INGEST_MAX_DECOMPRESSED) < config.longValue(Settings.INGEST_MAX_BODY)) {
            throw new ConfigException("ingest.max-decompressed-bytes (" + config.longValue(Settings.INGEST_MAX_DECOMPRESSED)
                    + ") must be at least ingest.max-body-bytes (" + config.longValue(Settings.INGEST_MAX_BODY) + ")");
        }
        if (config.integer(Settings.INGEST_QUEUE_CAPACITY) < 1 || config.integer(Settings.HTTP_THREADS) < 1
                || config.integer(Settings.PIPELINE_WORKERS) < 1) {
            throw new ConfigException("ingest.queue-capacity, ingest.pipeline-workers and server.threads must be at "
                    + "least 1");
        }
    }

    private static Object parse(Setting setting, String raw, String where) {
        try {
            return setting.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value for " + setting.key() + " in " + where + ": " + e.getMessage());
        }
    }

    private static Setting byEnvironmentVariable(String variable) {
        for (Setting setting : Settings.all()) {
            if (setting.environmentVariable().equals(variable)) {
                return setting;
            }
        }
        return null;
    }

    private static void readFile(Path file, Map<String, Object> values, Map<String, String> sources) {
        Node root;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String at = mark == null ? "" : " line " + (mark.getLine() + 1) + " column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw new ConfigException("config file " + file + at + ": broken YAML: " + problem + context, e);
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + ": broken YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return; // empty file: all defaults
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException("config file " + file + " line " + line(root)
                    + ": expected a mapping of settings at the top level");
        }
        walk(file, "", mapping, values, sources);
    }

    private static void walk(Path file, String prefix, MappingNode mapping, Map<String, Object> values,
            Map<String, String> sources) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw new ConfigException("config file " + file + " line " + line(keyNode)
                        + ": keys must be plain names");
            }
            String key = prefix + scalarKey.getValue();
            if (!seen.add(key)) {
                throw new ConfigException("config file " + file + " line " + line(keyNode) + ": duplicate key '" + key
                        + "'");
            }
            Node valueNode = tuple.getValueNode();
            Setting setting = Settings.byKey(key);
            if (setting == null) {
                boolean section = Settings.all().stream().anyMatch(s -> s.key().startsWith(key + "."));
                if (section && valueNode instanceof MappingNode child) {
                    walk(file, key + ".", child, values, sources);
                    continue;
                }
                throw new ConfigException("config file " + file + " line " + line(keyNode) + ": unknown key '" + key
                        + "'" + (section ? " (it is a section: expected a mapping under it)" : knownKeysHint()));
            }
            if (!(valueNode instanceof ScalarNode scalar)) {
                throw new ConfigException("config file " + file + " line " + line(valueNode) + ": key '" + key
                        + "' expects a single value, got a " + (valueNode instanceof MappingNode ? "mapping" : "list"));
            }
            String raw = Tag.NULL.equals(scalar.getTag()) ? "" : scalar.getValue();
            try {
                values.put(key, setting.parse(raw));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("config file " + file + " line " + line(valueNode) + ": invalid value for key '"
                        + key + "': " + e.getMessage());
            }
            sources.put(key, file + ":" + line(valueNode));
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String knownKeysHint() {
        StringBuilder hint = new StringBuilder(" (known keys:");
        for (Setting setting : Settings.all()) {
            hint.append(' ').append(setting.key());
        }
        return hint.append(')').toString();
    }
}
