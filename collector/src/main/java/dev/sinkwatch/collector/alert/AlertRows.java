package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.ServiceId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Turns a stored {@link AlertRow} into the {@link Alert} the API and receivers see, with its links. Stateless. */
final class AlertRows {

    private final AlertSettings settings;

    AlertRows(AlertSettings settings) {
        this.settings = settings;
    }

    Alert toAlert(AlertRow row) {
        AlertRow.Body body = row.body();
        return new Alert(row.id(), row.status().wireName(), row.severity().wireName(), row.acknowledged(),
                row.acknowledgedBy(), instant(row.acknowledgedAtMs()), row.summary(), row.detector(),
                new ServiceId(row.serviceName(), row.serviceVersion()), body.kind(), body.operation(), body.target(),
                row.targetFingerprint(), body.evidence(), body.callSite(), body.attribution(), links(row),
                row.count(), Instant.ofEpochMilli(row.firstSeenMs()), Instant.ofEpochMilli(row.lastSeenMs()),
                Instant.ofEpochMilli(row.activeSinceMs()), instant(row.resolvedAtMs()), row.resolveReason(),
                row.reopenCount());
    }

    private AlertLinks links(AlertRow row) {
        AlertRow.Body body = row.body();
        AlertAttribution attribution = body.attribution();
        String file = attribution != null && attribution.file() != null ? attribution.file()
                : body.callSite() != null ? body.callSite().file() : null;
        int line = body.callSite() != null ? body.callSite().line() : 0;
        String code = file == null ? null : line > 0 ? file + ":" + line : file;
        String codeUrl = null;
        if (file != null && !settings.codeUrlTemplate().isEmpty()) {
            String commit = attribution != null && attribution.commit() != null ? attribution.commit()
                    : row.serviceVersion();
            codeUrl = settings.codeUrlTemplate().replace("{file}", file).replace("{line}", Integer.toString(line))
                    .replace("{commit}", commit);
        }
        String dashboard = settings.dashboardUrl().isEmpty() ? null : settings.dashboardUrl()
                .replace("{service}", URLEncoder.encode(row.serviceName(), StandardCharsets.UTF_8));
        return new AlertLinks(code, codeUrl, settings.publicUrl() + "/api/alerts/" + row.id(), dashboard);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
