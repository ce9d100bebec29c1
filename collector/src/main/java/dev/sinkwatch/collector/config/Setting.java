package dev.sinkwatch.collector.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One collector setting: its dotted key (the YAML path), type, default and meaning. Every setting is declared once
 * in {@link Settings}; {@code docs/collector-config.md} lists the same keys with the same defaults and a test keeps
 * the two in sync.
 *
 * @param key          dotted YAML path, e.g. {@code server.otlp-port}
 * @param type         how the raw text is parsed
 * @param defaultValue the default as it would be written in the file ({@code ""} for "not set")
 * @param flag         the command-line flag that sets it directly ({@code --otlp-port}), or {@code null}
 * @param choices      allowed values for {@link Type#CHOICE}
 * @param description  one line for the docs and {@code --help}
 */
public record Setting(String key, Type type, String defaultValue, String flag, List<String> choices, String description) {

    /** Value types; each knows how to parse and check a raw value. */
    public enum Type {
        STRING, INT, LONG, DOUBLE, BOOLEAN, PORT, CHOICE, SECRET, DURATION;

        public String docName() {
            return switch (this) {
                case PORT -> "port";
                case DURATION -> "duration";
                case SECRET -> "string (secret)";
                case CHOICE -> "one of";
                default -> name().toLowerCase(Locale.ROOT);
            };
        }
    }

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** {@code SINKWATCH_SERVER_OTLP_PORT} for {@code server.otlp-port}. */
    public String environmentVariable() {
        return "SINKWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Parses and checks a raw value.
     *
     * @return the typed value (String, Integer, Long or Boolean)
     * @throws IllegalArgumentException with a message that says what was expected
     */
    public Object parse(String raw) {
        String value = raw == null ? "" : raw.trim();
        switch (type) {
            case STRING, SECRET:
                return value;
            case DURATION:
                return parseDuration(value);
            case DOUBLE:
                try {
                    double parsed = Double.parseDouble(value);
                    if (!(parsed >= 0) || Double.isInfinite(parsed)) {
                        throw new IllegalArgumentException("expected a non-negative number, got '" + value + "'");
                    }
                    return parsed;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, got '" + value + "'");
                }
            case INT: {
                int parsed = parseInt(value);
                if (parsed < 0) {
                    throw new IllegalArgumentException("expected a non-negative integer, got '" + value + "'");
                }
                return parsed;
            }
            case PORT: {
                int parsed = parseInt(value);
                if (parsed < 0 || parsed > 65535) {
                    throw new IllegalArgumentException("expected a port 0..65535, got '" + value + "'");
                }
                return parsed;
            }
            case LONG: {
                try {
                    long parsed = Long.parseLong(value.replace("_", ""));
                    if (parsed < 0) {
                        throw new IllegalArgumentException("expected a non-negative integer, got '" + value + "'");
                    }
                    return parsed;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer, got '" + value + "'");
                }
            }
            case BOOLEAN:
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(value);
                }
                throw new IllegalArgumentException("expected true or false, got '" + value + "'");
            case CHOICE:
                if (choices.contains(value)) {
                    return value;
                }
                throw new IllegalArgumentException("expected one of " + choices + ", got '" + value + "'");
            default:
                throw new AssertionError(type);
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 30m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT30M}); positive. */
    static java.time.Duration parseDuration(String value) {
        java.time.Duration duration;
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                duration = java.time.Duration.parse(value);
            } else {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
                if (!m.matches()) {
                    throw new IllegalArgumentException("expected a duration like 500ms, 10s, 30m, 2h or PT30M, got '"
                            + value + "'");
                }
                long amount = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "ms" -> java.time.Duration.ofMillis(amount);
                    case "s" -> java.time.Duration.ofSeconds(amount);
                    case "m" -> java.time.Duration.ofMinutes(amount);
                    case "h" -> java.time.Duration.ofHours(amount);
                    default -> java.time.Duration.ofDays(amount);
                };
            }
        } catch (java.time.format.DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("expected a duration like 500ms, 10s, 30m, 2h or PT30M, got '"
                    + value + "'");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("expected a positive duration, got '" + value + "'");
        }
        return duration;
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + value + "'");
        }
    }
}
