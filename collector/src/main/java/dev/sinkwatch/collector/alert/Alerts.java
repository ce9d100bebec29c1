package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns findings into deduplicated, persisted, delivered alerts. The one entry point of the alert layer.
 *
 * <h2>Lifecycle</h2>
 * An alert is identified by (service name, detector, call site id, target fingerprint) — see {@link Alert#id()}.
 * {@link #raise} creates it {@code firing}; a repeat while firing only increments {@code count} and moves
 * {@code lastSeen} (no notification, unless the severity rises: then an {@code escalated} event goes out). It is
 * {@code resolved} when no occurrence came for {@link AlertSettings#resolveTimeout()}, or by {@link #resolve}. A
 * finding for a resolved alert <b>reopens</b> it: same id, status firing again, {@code activeSince} = now,
 * {@code reopenCount + 1}, acknowledgement cleared (it needs a person again), {@code count} keeps adding up, and a
 * {@code reopened} event is delivered. {@link #acknowledge} only marks it taken; it sends nothing.
 *
 * <h2>Persisted before delivered</h2>
 * Transactional outbox: the alert row and one delivery row per interested receiver are written in one
 * transaction; {@code raise} returns only after the commit. Delivery workers ({@code sinkwatch-alert-delivery-N},
 * daemon threads) claim due rows with a lease, deliver, and record the outcome; failures are retried with
 * exponential backoff ({@link AlertSettings#initialBackoff()} doubling up to {@link AlertSettings#maxBackoff()}).
 * Pending rows survive a restart (or a kill -9) and are delivered by the next collector that starts on the same
 * store. Delivery is at least once; a crash between a receiver's 2xx and the outcome's commit re-sends after the
 * lease expires, which is why webhook bodies carry a {@code deliveryId}.
 *
 * <h2>Several collectors on one PostgreSQL</h2>
 * Exactly one alert row per identity ({@code INSERT ... ON CONFLICT DO NOTHING} on the primary key, then
 * {@code SELECT ... FOR UPDATE} for repeats); exactly one delivery per event and receiver (the event's rows are
 * written by the one transaction that changed the state; claims use {@code FOR UPDATE SKIP LOCKED} and a
 * conditional lease update). Resolution by inactivity and Alertmanager resends are claimed by conditional updates,
 * so they happen once however many collectors sweep.
 *
 * <h2>Who does what</h2>
 * This class is the facade and the wiring; the work is done by {@link AlertTransitions} (the lifecycle as a pure
 * function), {@link AlertTransactions} (transactions, retries, durable commits, after-commit actions),
 * {@link AlertOutbox} (queuing notifications), {@link DeliveryWorkers} (sending them), {@link AlertSweeper}
 * (inactivity, re-sends, pruning, gauges), {@link Receivers} (building the receivers) and {@link AlertStore} (SQL).
 *
 * <p>Concurrency: thread-safe. {@code raise} for one identity is serialised in-process by a striped lock (the
 * database serialises it across processes); everything else relies on database transactions. All fields are final;
 * the threads' lifecycle lives in {@link DeliveryWorkers} and {@link AlertSweeper}.
 */
public final class Alerts implements AutoCloseable {

    private static final int STRIPES = 64;

    private final Database db;
    private final AlertSettings settings;
    private final Clock clock;
    private final AlertStore store;
    private final AlertMetrics metrics;
    private final AlertTransactions transactions;
    private final AlertRows rows;
    private final Map<String, Receiver> receivers;
    private final AlertOutbox outbox;
    private final DeliveryWorkers workers;
    private final AlertSweeper sweeper;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    /** On {@code db}'s alert tables (made by its migrations); does not start any thread (see {@link #start()}). */
    public Alerts(Database db, AlertSettings settings, Clock clock, MeterRegistry registry) {
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = new AlertStore(db.kind());
        this.metrics = new AlertMetrics(Objects.requireNonNull(registry, "registry"));
        this.transactions = new AlertTransactions(db);
        this.rows = new AlertRows(settings);
        this.receivers = Receivers.from(settings);
        this.workers = new DeliveryWorkers(transactions, store, receivers, settings, metrics, clock);
        this.outbox = new AlertOutbox(store, rows, receivers, workers::wake);
        this.sweeper = new AlertSweeper(transactions, store, outbox, rows, settings, metrics, clock);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Starts the delivery workers and the sweeper. Idempotent. */
    public Alerts start() {
        workers.start();
        sweeper.start();
        return this;
    }

    /**
     * Stops the sweeper and the workers (waiting for in-flight deliveries up to the request timeout). Pending
     * deliveries stay in the store for the next start. Does not close the {@link Database}.
     */
    @Override
    public void close() {
        sweeper.close();
        workers.close();
    }

    // ---- API ----------------------------------------------------------------------------------------------------

    /** {@link #raise(Finding, AlertAttribution)} without attribution. */
    public Alert raise(Finding finding) {
        return raise(finding, null);
    }

    /**
     * Records one occurrence of a finding: creates, repeats or reopens its alert, and queues notifications, all in
     * one transaction. Returns after the commit: the alert is then durable and will be delivered.
     *
     * @param attribution who wrote the call site; null when unknown (a repeat keeps the attribution it had)
     * @return the alert after this occurrence
     * @throws AlertStoreException when the store cannot be written (after retrying transient conflicts)
     */
    public Alert raise(Finding finding, AlertAttribution attribution) {
        Objects.requireNonNull(finding, "finding");
        String id = AlertIdentity.of(finding);
        ReentrantLock stripe = stripes[Math.floorMod(id.hashCode(), STRIPES)];
        stripe.lock();
        try {
            return transactions.run("raise " + id, tx -> raise(tx, id, finding, attribution));
        } finally {
            stripe.unlock();
        }
    }

    /** The alert with this id, if any. */
    public Optional<Alert> get(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(transactions.run("get " + id, tx -> {
            AlertRow row = store.find(tx.connection(), id, false);
            return row == null ? null : rows.toAlert(row);
        }));
    }

    /** Alerts matching the query, newest (by last seen) first. */
    public List<Alert> list(AlertQuery query) {
        AlertQuery effective = query == null ? AlertQuery.all() : query;
        return transactions.run("list", tx -> store.list(tx.connection(), effective).stream().map(rows::toAlert)
                .toList());
    }

    /**
     * Marks an alert as taken by {@code by} (a user name or API token name). Sends nothing.
     *
     * @return false when there is no such alert
     */
    public boolean acknowledge(String id, String by) {
        String who = by == null || by.isBlank() ? "anonymous" : by;
        return transactions.run("acknowledge " + id, tx -> {
            tx.requireDurableCommit();
            return store.acknowledge(tx.connection(), id, who, clock.millis());
        });
    }

    /**
     * Resolves a firing alert now and queues {@code resolved} notifications.
     *
     * @param reason shown in the alert and the notifications, e.g. {@code approved into the baseline by alice}
     * @return true if the alert was firing and is now resolved; false when unknown or already resolved
     */
    public boolean resolve(String id, String reason) {
        String why = reason == null || reason.isBlank() ? "resolved by hand" : reason;
        return transactions.run("resolve " + id, tx -> outbox.resolve(tx, id, why, clock.millis(), null));
    }

    // ---- the work -----------------------------------------------------------------------------------------------

    private Alert raise(AlertTransactions.Tx tx, String id, Finding finding, AlertAttribution attribution)
            throws SQLException {
        long now = clock.millis();
        long resendMillis = settings.resendInterval().toMillis();
        AlertRow existing = store.find(tx.connection(), id, true);
        if (existing == null) {
            AlertTransitions.Transition created = AlertTransitions.onFinding(null, id, finding, attribution, now,
                    resendMillis);
            if (store.insertIfAbsent(tx.connection(), created.row())) {
                return record(tx, created, finding, now);
            }
            // Another collector inserted it after our SELECT: its transaction has committed (ON CONFLICT waited for
            // it), so lock the row it wrote and count this occurrence as a repeat.
            existing = store.find(tx.connection(), id, true);
            if (existing == null) {
                throw new SQLException("alert " + id + " conflicted on insert but is not visible");
            }
        }
        AlertTransitions.Transition next = AlertTransitions.onFinding(existing, id, finding, attribution, now,
                resendMillis);
        store.update(tx.connection(), next.row());
        return record(tx, next, finding, now);
    }

    /** Queues the transition's notification and counts the occurrence once the transaction commits. */
    private Alert record(AlertTransactions.Tx tx, AlertTransitions.Transition transition, Finding finding, long now)
            throws SQLException {
        Alert alert = rows.toAlert(transition.row());
        if (transition.event() != null) {
            outbox.enqueue(tx, alert, transition.event(), now);
        }
        String outcome = transition.outcome().label();
        tx.afterCommit(() -> metrics.raised(finding.detector().wireName(), finding.severity(), outcome));
        return alert;
    }

    // ---- for tests: one step of a background thread, run on the caller's --------------------------------------

    /** One sweep (see {@link AlertSweeper}); returns the number of alerts resolved for inactivity. */
    int sweep() {
        return sweeper.sweep();
    }

    int resolveInactive() {
        return sweeper.resolveInactive();
    }

    /** Claims and delivers one batch; returns how many deliveries were claimed. */
    int deliverDue(List<String> names) {
        return workers.deliverDue(names, false);
    }

    long backoffMillis(int attempt) {
        return workers.backoffMillis(attempt);
    }
}
