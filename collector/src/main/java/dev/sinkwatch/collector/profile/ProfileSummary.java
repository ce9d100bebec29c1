package dev.sinkwatch.collector.profile;

import dev.sinkwatch.contract.SinkKind;

import java.util.Map;

/**
 * One profile as {@code GET /api/services} shows it. Times are Unix milliseconds, 0 when not applicable.
 *
 * @param targetsPerOperation operation → distinct targets
 * @param novelTargets        targets seen first while STABLE and not approved (each is an open novelty finding)
 * @param flaggedTargets      targets a day-0 rule fired on and nobody approved
 * @param graceUntilUnixMillis end of the version grace window, 0 when not in grace
 */
public record ProfileSummary(
        String serviceName,
        String serviceVersion,
        String callSiteId,
        SinkKind kind,
        ProfileState state,
        int targets,
        Map<String, Integer> targetsPerOperation,
        int novelTargets,
        int flaggedTargets,
        int approvals,
        long observations,
        long createdUnixMillis,
        long lastSeenUnixMillis,
        long stableSinceUnixMillis,
        String inheritedFromVersion,
        long graceUntilUnixMillis,
        long estimatedFootprintBytes) {
}
