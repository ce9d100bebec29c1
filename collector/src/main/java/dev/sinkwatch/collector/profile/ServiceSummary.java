package dev.sinkwatch.collector.profile;

import java.util.List;
import java.util.Map;

/**
 * One service as {@code GET /api/services} lists it.
 *
 * @param versions        versions with profiles, most recently seen first
 * @param profilesByState profile state wire name → count
 */
public record ServiceSummary(String name, List<String> versions, int profiles, Map<String, Integer> profilesByState,
                             int targets, long lastSeenUnixMillis) {
}
