package dev.sinkwatch.collector.model;

import java.util.Objects;

/** A deployed service: {@code service.name} and {@code service.version} ("unknown" when the agent sent none). */
public record ServiceId(String name, String version) {
    public ServiceId {
        Objects.requireNonNull(name, "name");
        version = version == null || version.isBlank() ? "unknown" : version;
    }
}
