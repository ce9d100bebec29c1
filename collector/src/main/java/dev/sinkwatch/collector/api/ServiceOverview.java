package dev.sinkwatch.collector.api;

import dev.sinkwatch.collector.alert.AlertQuery;
import dev.sinkwatch.collector.alert.AlertStatus;
import dev.sinkwatch.collector.alert.Alerts;
import dev.sinkwatch.collector.detect.DetectionEngine;
import dev.sinkwatch.collector.link.AttributionIndexes;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.profile.Profile;
import dev.sinkwatch.collector.profile.ProfileKey;
import dev.sinkwatch.collector.profile.ProfileSummary;
import dev.sinkwatch.collector.profile.ServiceSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the API says about services: {@code GET /api/services} (profiles per service from detection, firing alerts
 * from the alert layer) and the sinks each call site was seen using (for {@code GET /api/attribution/regions}).
 * Reads only; thread-safe as its sources are.
 */
public final class ServiceOverview implements ServiceApi {

    private final DetectionEngine engine;
    private final Alerts alerts;

    public ServiceOverview(DetectionEngine engine, Alerts alerts) {
        this.engine = engine;
        this.alerts = alerts;
    }

    @Override
    public List<Map<String, Object>> services() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceSummary summary : engine.serviceSummaries()) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("name", summary.name());
            service.put("versions", summary.versions());
            service.put("profiles", summary.profiles());
            service.put("profilesByState", summary.profilesByState());
            service.put("targets", summary.targets());
            service.put("lastSeenUnixMillis", summary.lastSeenUnixMillis());
            service.put("firingAlerts", alerts.list(new AlertQuery(summary.name(), AlertStatus.FIRING, null,
                    AlertQuery.MAX_LIMIT)).size());
            out.add(service);
        }
        return out;
    }

    /** What each of a service's call sites was seen doing, from its profiles (all versions). */
    public List<AttributionIndexes.SinkUse> sinkUses(String service) {
        List<AttributionIndexes.SinkUse> uses = new ArrayList<>();
        for (ProfileSummary p : engine.profiles(service)) {
            Profile profile = engine.profile(ProfileKey.of(new ServiceId(p.serviceName(), p.serviceVersion()),
                    p.callSiteId(), p.kind()));
            uses.add(new AttributionIndexes.SinkUse(p.callSiteId(), p.serviceVersion(), p.kind().wireName(),
                    p.state().name().toLowerCase(Locale.ROOT), profile == null ? Map.of() : profile.targets(),
                    p.observations()));
        }
        return uses;
    }
}
