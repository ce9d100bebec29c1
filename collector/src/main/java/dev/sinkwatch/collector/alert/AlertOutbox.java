package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sinkwatch.collector.model.Severity;
import java.sql.SQLException;
import java.util.Map;

/**
 * The transactional outbox: queues one delivery row per interested receiver in the transaction that changed the
 * alert, so a notification exists exactly when the change committed. Each row carries a JSON snapshot of the alert
 * as it was then; {@link DeliveryWorker}s send them.
 *
 * <p>Concurrency: thread-safe (immutable; all state is in the caller's transaction).
 */
final class AlertOutbox {

    private final AlertStore store;
    private final AlertRows rows;
    private final Map<String, Receiver> receivers;
    private final Runnable wakeWorkers;

    AlertOutbox(AlertStore store, AlertRows rows, Map<String, Receiver> receivers, Runnable wakeWorkers) {
        this.store = store;
        this.rows = rows;
        this.receivers = receivers;
        this.wakeWorkers = wakeWorkers;
    }

    boolean hasAlertmanager() {
        return receivers.values().stream().anyMatch(r -> r.settings().type() == ReceiverSettings.Type.ALERTMANAGER);
    }

    /** Queues {@code event} for every receiver that wants it, in {@code tx}; wakes the workers after the commit. */
    void enqueue(AlertTransactions.Tx tx, Alert alert, AlertEvent event, long nowMs) throws SQLException {
        String snapshot = null;
        Severity severity = alert.severityValue();
        for (Receiver receiver : receivers.values()) {
            ReceiverSettings config = receiver.settings();
            if (!config.accepts(severity)) {
                continue;
            }
            if (event == AlertEvent.RESEND && (config.type() != ReceiverSettings.Type.ALERTMANAGER
                    || store.hasPending(tx.connection(), alert.id(), config.name()))) {
                continue; // only Alertmanager wants resends, and a pending delivery already carries the state
            }
            if (snapshot == null) {
                snapshot = snapshot(alert);
            }
            store.enqueue(tx.connection(), alert.id(), config.name(), event.wireName(), snapshot, nowMs);
        }
        if (snapshot != null) {
            tx.requireDurableCommit();
            tx.afterCommit(wakeWorkers);
        }
    }

    /**
     * Resolves a firing alert and queues its {@code resolved} notifications, in {@code tx}.
     *
     * @param lastSeenBeforeMs resolve only when the alert was last seen before this (inactivity), or null
     * @return false when the alert is unknown, already resolved, or was seen again since
     */
    boolean resolve(AlertTransactions.Tx tx, String id, String reason, long nowMs, Long lastSeenBeforeMs)
            throws SQLException {
        if (!store.resolve(tx.connection(), id, reason, nowMs, lastSeenBeforeMs)) {
            return false;
        }
        enqueue(tx, rows.toAlert(store.find(tx.connection(), id, false)), AlertEvent.RESOLVED, nowMs);
        return true;
    }

    private static String snapshot(Alert alert) throws SQLException {
        try {
            return AlertJson.MAPPER.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise alert " + alert.id() + ": " + e.getMessage(), e);
        }
    }
}
