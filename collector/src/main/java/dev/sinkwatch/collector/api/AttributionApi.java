package dev.sinkwatch.collector.api;

/** Takes an uploaded attribution index ({@code POST /api/attribution}). */
@FunctionalInterface
public interface AttributionApi {

    /**
     * @return a summary of what was loaded (serialized as JSON)
     * @throws IllegalArgumentException when the body is not a valid index (answered with 400 and the message)
     */
    Object upload(byte[] body, String contentType);
}
