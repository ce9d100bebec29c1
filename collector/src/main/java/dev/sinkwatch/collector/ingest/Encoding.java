package dev.sinkwatch.collector.ingest;

/** The two OTLP/HTTP payload encodings; the response uses the request's. */
public enum Encoding {
    PROTOBUF("application/x-protobuf"), JSON("application/json");

    private final String contentType;

    Encoding(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** @return the encoding for a {@code Content-Type} header value, or {@code null} when unsupported */
    public static Encoding fromContentType(String header) {
        if (header == null) {
            return null;
        }
        String media = header.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return switch (media) {
            case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
            case "application/json" -> JSON;
            default -> null;
        };
    }
}
