package dev.sinkwatch.collector.api;

import dev.sinkwatch.collector.alert.Alert;
import dev.sinkwatch.collector.alert.AlertQuery;
import dev.sinkwatch.collector.alert.Alerts;
import dev.sinkwatch.collector.model.FindingRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The API over the alert layer. Approve = the alert's finding ({@link Alert#findingRef()}, typed) into the baseline
 * (the detection engine's {@code approve}, which dispatches on its detector), then the alert resolved with the
 * reason "approved by ...".
 */
public final class AlertsAdapter implements AlertApi {

    private final Alerts alerts;
    private final Consumer<FindingRef> baseline;

    /** @param baseline adds a finding to the baseline (detection's {@code approve}) */
    public AlertsAdapter(Alerts alerts, Consumer<FindingRef> baseline) {
        this.alerts = alerts;
        this.baseline = baseline;
    }

    @Override
    public List<?> list(AlertQuery query) {
        return alerts.list(query);
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
        baseline.accept(alert.get().findingRef());
        alerts.resolve(id, "approved into the baseline by " + by);
        return alerts.get(id);
    }
}
