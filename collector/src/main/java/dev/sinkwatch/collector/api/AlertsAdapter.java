package dev.sinkwatch.collector.api;

import dev.sinkwatch.collector.alert.Alert;
import dev.sinkwatch.collector.alert.AlertQuery;
import dev.sinkwatch.collector.alert.Alerts;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The API over the alert layer. Approve = the alert's finding into the baseline (the detection engine's
 * {@code approve}), then the alert resolved with the reason "approved by ...".
 */
public final class AlertsAdapter implements AlertApi {

    private final Alerts alerts;
    private final Consumer<Finding> baseline;

    /** @param baseline adds a finding to the baseline (detection's {@code approve}) */
    public AlertsAdapter(Alerts alerts, Consumer<Finding> baseline) {
        this.alerts = alerts;
        this.baseline = baseline;
    }

    @Override
    public List<?> list(Query query) {
        return alerts.list(AlertQuery.parse(query.service(), query.status(), query.severity(), query.limit()));
    }

    @Override
    public Optional<?> get(String id) {
        return alerts.get(id);
    }

    @Override
    public Optional<?> acknowledge(String id, String by) {
        if (!alerts.acknowledge(id, by)) {
            return Optional.empty();
        }
        return alerts.get(id);
    }

    @Override
    public Optional<?> approve(String id, String by) {
        Optional<Alert> alert = alerts.get(id);
        if (alert.isEmpty()) {
            return Optional.empty();
        }
        baseline.accept(finding(alert.get()));
        alerts.resolve(id, "approved into the baseline by " + by);
        return alerts.get(id);
    }

    /** The finding an alert was raised for, as detection's {@code approve} needs it. */
    static Finding finding(Alert alert) {
        SinkKind kind = alert.kind() == null ? null : SinkKind.fromWireName(alert.kind());
        return new Finding(alert.detector(), Severity.valueOf(alert.severity().toUpperCase(Locale.ROOT)),
                alert.summary(), alert.service(), kind, alert.operation(), alert.target(), alert.targetFingerprint(),
                alert.callSite(), alert.evidence(), alert.lastSeen() == null ? 0 : alert.lastSeen().toEpochMilli());
    }
}
