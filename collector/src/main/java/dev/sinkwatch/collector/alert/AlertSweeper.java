package dev.sinkwatch.collector.alert;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic housekeeping of alerts, on one daemon thread ({@code sinkwatch-alert-sweeper}) every
 * {@link AlertSettings#sweepInterval()}: resolves alerts inactive for {@link AlertSettings#resolveTimeout()}, queues
 * Alertmanager re-sends, prunes delivered rows older than {@link AlertSettings#deliveryRetention()}, refreshes the
 * gauges. Each step takes at most {@value #BATCH} alerts a sweep. Resolution and re-sends are claimed by conditional
 * updates, so they happen once however many collectors sweep the same store.
 *
 * <p>Concurrency: {@link #start()} and {@link #close()} under {@code this}'s monitor; a sweep itself only uses
 * database transactions.
 */
final class AlertSweeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AlertSweeper.class.getName());
    private static final int BATCH = 500;

    private final AlertTransactions transactions;
    private final AlertStore store;
    private final AlertOutbox outbox;
    private final AlertRows rows;
    private final AlertSettings settings;
    private final AlertMetrics metrics;
    private final Clock clock;
    private ScheduledExecutorService executor;

    AlertSweeper(AlertTransactions transactions, AlertStore store, AlertOutbox outbox, AlertRows rows,
            AlertSettings settings, AlertMetrics metrics, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.outbox = outbox;
        this.rows = rows;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sinkwatch-alert-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweepQuietly, 0, settings.sweepInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    /** One sweep; returns the number of alerts resolved for inactivity. */
    int sweep() {
        int resolved = resolveInactive();
        queueResends();
        pruneDeliveries();
        refreshGauges();
        return resolved;
    }

    int resolveInactive() {
        long now = clock.millis();
        long cutoff = now - settings.resolveTimeout().toMillis();
        List<String> ids = transactions.run("find inactive", tx -> store.inactiveSince(tx.connection(), cutoff, BATCH));
        String reason = "inactive: no occurrence for " + settings.resolveTimeout();
        int resolved = 0;
        for (String id : ids) {
            if (transactions.run("resolve inactive " + id, tx -> outbox.resolve(tx, id, reason, now, cutoff))) {
                resolved++;
            }
        }
        return resolved;
    }

    private void queueResends() {
        if (!outbox.hasAlertmanager()) {
            return;
        }
        long now = clock.millis();
        List<String> ids = transactions.run("find resends", tx -> store.resendDue(tx.connection(), now, BATCH));
        for (String id : ids) {
            transactions.run("resend " + id, tx -> {
                if (store.claimResend(tx.connection(), id, now, now + settings.resendInterval().toMillis())) {
                    AlertRow row = store.find(tx.connection(), id, false);
                    outbox.enqueue(tx, rows.toAlert(row), AlertEvent.RESEND, now);
                }
                return null;
            });
        }
    }

    private void pruneDeliveries() {
        long cutoff = clock.millis() - settings.deliveryRetention().toMillis();
        transactions.run("prune deliveries", tx -> store.pruneDone(tx.connection(), cutoff));
    }

    private void refreshGauges() {
        transactions.run("gauges", tx -> {
            metrics.active(store.activeBySeverity(tx.connection()));
            metrics.backlog(store.backlog(tx.connection()));
            return null;
        });
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert sweep failed; next sweep in " + settings.sweepInterval(), e);
        }
    }
}
