package dev.sinkwatch.collector.config;

/**
 * A configuration the collector cannot start with. The message names the source (file and line, environment
 * variable or flag) and the key, so that it can be printed as is; {@code Main} exits with code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
