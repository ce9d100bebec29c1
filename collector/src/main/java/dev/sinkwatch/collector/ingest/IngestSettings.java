package dev.sinkwatch.collector.ingest;

import dev.sinkwatch.collector.config.CollectorConfig;
import dev.sinkwatch.collector.config.Settings;

/** The ingest limits, from the {@code ingest.*} settings. */
public record IngestSettings(long maxBodyBytes, long maxDecompressedBytes, int retryAfterSeconds,
        FieldLimits fieldLimits) {

    public IngestSettings(long maxBodyBytes, long maxDecompressedBytes, int retryAfterSeconds) {
        this(maxBodyBytes, maxDecompressedBytes, retryAfterSeconds, FieldLimits.DEFAULTS);
    }

    public static IngestSettings from(CollectorConfig config) {
        return new IngestSettings(config.longValue(Settings.INGEST_MAX_BODY),
                config.longValue(Settings.INGEST_MAX_DECOMPRESSED), config.integer(Settings.INGEST_RETRY_AFTER),
                new FieldLimits(config.integer(Settings.INGEST_MAX_NAME_BYTES),
                        config.integer(Settings.INGEST_MAX_FIELD_BYTES),
                        config.integer(Settings.INGEST_MAX_TARGET_BYTES), config.integer(Settings.INGEST_MAX_FRAMES),
                        config.integer(Settings.INGEST_MAX_ATTRIBUTES)));
    }
}
