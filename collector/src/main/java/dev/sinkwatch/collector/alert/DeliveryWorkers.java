package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery threads ({@code sinkwatch-alert-delivery-N}, daemon, {@link AlertSettings#workerThreads()} of them):
 * claim due outbox rows with a lease, deliver them, record the outcome. Failures are retried with exponential
 * backoff ({@link AlertSettings#initialBackoff()} doubling up to {@link AlertSettings#maxBackoff()}) up to
 * {@link AlertSettings#maxAttempts()}; a rejection (4xx, unreadable snapshot) is given up at once. Delivery is at
 * least once: a crash between a receiver's 2xx and the outcome's commit re-sends after the lease expires.
 *
 * <p>Concurrency: {@link #start()} and {@link #close()} under {@code this}'s monitor; claims are serialised among this
 * process's workers by {@code claimLock} (other collectors are excluded by the database's {@code SKIP LOCKED});
 * workers sleep on {@code wakeUp} for at most {@link AlertSettings#pollInterval()} and are woken by {@link #wake()}.
 */
final class DeliveryWorkers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class.getName());
    private static final int CLAIM_BATCH = 16;

    private final AlertTransactions transactions;
    private final AlertStore store;
    private final Map<String, Receiver> receivers;
    private final AlertSettings settings;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Object wakeUp = new Object();
    private final ReentrantLock claimLock = new ReentrantLock();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DeliveryWorkers(AlertTransactions transactions, AlertStore store, Map<String, Receiver> receivers,
            AlertSettings settings, AlertMetrics metrics, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.receivers = receivers;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.workerThreads(); i++) {
            Thread worker = new Thread(this::loop, "sinkwatch-alert-delivery-" + (i + 1));
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    /** Stops the workers, waiting for in-flight deliveries up to the request timeout; pending rows stay stored. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (Thread worker : threads) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    /** Wakes sleeping workers: something was queued. */
    void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        List<String> names = List.copyOf(receivers.keySet());
        while (running) {
            int delivered = 0;
            try {
                delivered = deliverDue(names, true);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "alert delivery round failed; retrying in " + settings.pollInterval(), e);
            }
            if (delivered == 0) {
                synchronized (wakeUp) {
                    if (!running) {
                        return;
                    }
                    try {
                        wakeUp.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Claims and delivers one batch; returns how many deliveries were claimed. */
    int deliverDue(List<String> names, boolean stopWhenClosed) {
        long now = clock.millis();
        long leaseUntil = now + settings.leaseDuration().toMillis();
        List<AlertStore.DeliveryRow> claimed;
        claimLock.lock();
        try {
            claimed = transactions.run("claim deliveries",
                    tx -> store.claim(tx.connection(), names, owner, now, leaseUntil, CLAIM_BATCH));
        } finally {
            claimLock.unlock();
        }
        for (AlertStore.DeliveryRow row : claimed) {
            if (stopWhenClosed && !running) {
                // Closing: leave the rest to the lease expiry / next start rather than delay shutdown.
                transactions.run("release",
                        tx -> store.retryLater(tx.connection(), row.id(), owner, now, "collector stopped"));
                continue;
            }
            deliver(row);
        }
        return claimed.size();
    }

    private void deliver(AlertStore.DeliveryRow row) {
        Receiver receiver = receivers.get(row.receiver());
        int attempt = row.attempts() + 1;
        Receiver.Result result;
        try {
            Alert alert = AlertJson.MAPPER.readValue(row.snapshot(), Alert.class);
            result = receiver.deliver(new Receiver.Delivery(row.id(), row.event(), alert, attempt,
                    Instant.ofEpochMilli(clock.millis())));
        } catch (JsonProcessingException e) {
            result = Receiver.Result.rejected("unreadable snapshot: " + e.getOriginalMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Receiver.Result.retry("interrupted");
        } catch (Exception e) {
            result = Receiver.Result.retry(e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        }
        long now = clock.millis();
        Receiver.Result outcome = result;
        switch (outcome.outcome()) {
            case OK -> {
                transactions.run("delivered",
                        tx -> store.finish(tx.connection(), row.id(), owner, "delivered", now, null));
                metrics.delivery(row.receiver(), "ok");
            }
            case RETRY -> {
                if (attempt >= settings.maxAttempts()) {
                    giveUp(row, attempt, outcome.detail(), now);
                } else {
                    long backoff = Math.max(backoffMillis(attempt), Math.min(outcome.retryAfterMillis(),
                            settings.maxBackoff().toMillis()));
                    transactions.run("retry later", tx -> store.retryLater(tx.connection(), row.id(), owner,
                            now + backoff, outcome.detail()));
                    metrics.delivery(row.receiver(), "retried");
                    LOG.fine(() -> "alert " + row.alertId() + " " + row.event() + " to " + row.receiver()
                            + " failed (attempt " + attempt + "): " + outcome.detail() + "; retry in " + backoff
                            + " ms");
                }
            }
            case REJECTED -> giveUp(row, attempt, "rejected: " + outcome.detail(), now);
        }
    }

    private void giveUp(AlertStore.DeliveryRow row, int attempt, String detail, long now) {
        transactions.run("give up", tx -> store.finish(tx.connection(), row.id(), owner, "failed", now, detail));
        metrics.delivery(row.receiver(), "failed");
        LOG.warning("alert " + row.alertId() + " " + row.event() + " to receiver " + row.receiver()
                + " given up after " + attempt + " attempt(s): " + detail);
    }

    /** {@code initialBackoff × 2^(attempt-1)}, capped at {@code maxBackoff}. */
    long backoffMillis(int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        int shift = Math.min(attempt - 1, 30);
        long backoff = initial << shift;
        return backoff <= 0 || backoff > max ? max : backoff;
    }
}
