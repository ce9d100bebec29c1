package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * <p>Concurrency: thread-safe. {@code raise} for one identity is serialised in-process by a striped lock (the
 * database serialises it across processes); everything else relies on database transactions. Fields are final
 * except the executor references, which are written by {@link #start()} and {@link #close()} under
 * {@code this}'s monitor.
 */
public final class Alerts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
    private static final int STRIPES = 64;
    private static final int MAX_TX_ATTEMPTS = 5;
    private static final int SWEEP_BATCH = 500;
    private static final int CLAIM_BATCH = 16;

    private final Database db;
    private final AlertSettings settings;
    private final Clock clock;
    private final AlertStore store;
    private final AlertMetrics metrics;
    private final Map<String, Receiver> receivers;
    private final String owner = UUID.randomUUID().toString();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Object wakeUp = new Object();
    /** Serialises claims among this process's workers; other collectors are excluded by the database. */
    private final ReentrantLock claimLock = new ReentrantLock();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService sweeper;
    private volatile boolean running;

    /** Applies db/alerts.sql; does not start any thread (see {@link #start()}). */
    public Alerts(Database db, AlertSettings settings, Clock clock, MeterRegistry registry) {
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = new AlertStore(db.kind());
        this.metrics = new AlertMetrics(Objects.requireNonNull(registry, "registry"));
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Map<String, Receiver> byName = new LinkedHashMap<>();
        for (ReceiverSettings receiver : settings.receivers()) {
            byName.put(receiver.name(), switch (receiver.type()) {
                case WEBHOOK -> new WebhookReceiver(receiver, client, settings.requestTimeout());
                case SLACK -> new SlackReceiver(receiver, client, settings.requestTimeout());
                case ALERTMANAGER -> new AlertmanagerReceiver(receiver, client, settings.requestTimeout(),
                        settings.resendInterval());
                case LOG -> new LogReceiver(receiver);
            });
        }
        this.receivers = Map.copyOf(byName);
        applySchema();
    }

    private void applySchema() {
        // Two collectors starting at once on PostgreSQL can race on CREATE TABLE IF NOT EXISTS (a unique violation
        // in the catalog); the loser simply tries again and finds the tables.
        for (int attempt = 1; ; attempt++) {
            try {
                db.applySchema("db/alerts.sql");
                return;
            } catch (IllegalStateException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** Starts the delivery workers and the sweeper. Idempotent. */
    public synchronized Alerts start() {
        if (running) {
            return this;
        }
        running = true;
        for (int i = 0; i < settings.workerThreads(); i++) {
            Thread worker = new Thread(this::deliverLoop, "sinkwatch-alert-delivery-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sinkwatch-alert-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long sweepMillis = settings.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 0, sweepMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Stops the workers (waiting for in-flight deliveries up to the request timeout) and the sweeper. Pending
     * deliveries stay in the store for the next start. Does not close the {@link Database}.
     */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        sweeper.shutdownNow();
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
        try {
            sweeper.awaitTermination(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            return inTransaction("raise " + id, connection -> raise(connection, id, finding, attribution));
        } finally {
            stripe.unlock();
        }
    }

    /** The alert with this id, if any. */
    public Optional<Alert> get(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(inTransaction("get " + id, connection -> {
            AlertStore.Row row = store.find(connection, id, false);
            return row == null ? null : toAlert(row);
        }));
    }

    /** Alerts matching the query, newest (by last seen) first. */
    public List<Alert> list(AlertQuery query) {
        AlertQuery effective = query == null ? AlertQuery.all() : query;
        return inTransaction("list", connection -> store.list(connection, effective).stream().map(this::toAlert)
                .toList());
    }

    /**
     * Marks an alert as taken by {@code by} (a user name or API token name). Sends nothing.
     *
     * @return false when there is no such alert
     */
    public boolean acknowledge(String id, String by) {
        String who = by == null || by.isBlank() ? "anonymous" : by;
        return inTransaction("acknowledge " + id, connection -> {
            requireDurableCommit();
            return store.acknowledge(connection, id, who, clock.millis());
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
        boolean resolved = inTransaction("resolve " + id, connection -> resolve(connection, id, why, null));
        if (resolved) {
            signalWorkers();
        }
        return resolved;
    }

    // ---- the work -----------------------------------------------------------------------------------------------

    private Alert raise(Connection connection, String id, Finding finding, AlertAttribution attribution)
            throws SQLException {
        long now = clock.millis();
        AlertStore.Row existing = store.find(connection, id, true);
        if (existing == null) {
            AlertStore.Row fresh = new AlertStore.Row(id, finding.service().name(), finding.service().version(),
                    finding.detector(), finding.callSite().id(), fingerprint(finding), finding.severity(),
                    AlertStatus.FIRING, finding.summary(), body(finding, attribution), 1, now, now, now, null, null,
                    false, null, null, 0, now + settings.resendInterval().toMillis());
            if (store.insertIfAbsent(connection, fresh)) {
                Alert alert = toAlert(fresh);
                enqueue(connection, alert, "firing", now);
                afterCommit(() -> metrics.raised(finding.detector(), finding.severity(), "new"));
                return alert;
            }
            // Another collector inserted it after our SELECT: its transaction has committed (ON CONFLICT waited for
            // it), so lock the row it wrote and count this occurrence as a repeat.
            existing = store.find(connection, id, true);
            if (existing == null) {
                throw new SQLException("alert " + id + " conflicted on insert but is not visible");
            }
        }
        AlertStore.Body previous = existing.body();
        AlertStore.Body latest = body(finding, attribution != null ? attribution : previous.attribution());
        AlertStore.Row updated;
        String event;
        String outcome;
        if (existing.status() == AlertStatus.RESOLVED) {
            updated = new AlertStore.Row(id, existing.serviceName(), finding.service().version(), existing.detector(),
                    existing.callSiteId(), existing.targetFingerprint(), finding.severity(), AlertStatus.FIRING,
                    finding.summary(), latest, existing.count() + 1, existing.firstSeenMs(),
                    Math.max(now, existing.lastSeenMs()), now, null, null, false, null, null,
                    existing.reopenCount() + 1, now + settings.resendInterval().toMillis());
            event = "reopened";
            outcome = "reopened";
        } else {
            boolean escalated = finding.severity().ordinal() < existing.severity().ordinal();
            Severity severity = escalated ? finding.severity() : existing.severity();
            updated = new AlertStore.Row(id, existing.serviceName(), finding.service().version(), existing.detector(),
                    existing.callSiteId(), existing.targetFingerprint(), severity, AlertStatus.FIRING,
                    finding.summary(), latest, existing.count() + 1, existing.firstSeenMs(),
                    Math.max(now, existing.lastSeenMs()), existing.activeSinceMs(), null, null,
                    existing.acknowledged(), existing.acknowledgedBy(), existing.acknowledgedAtMs(),
                    existing.reopenCount(), existing.nextResendMs());
            event = escalated ? "escalated" : null;
            outcome = "repeat";
        }
        store.update(connection, updated);
        Alert alert = toAlert(updated);
        if (event != null) {
            enqueue(connection, alert, event, now);
        }
        afterCommit(() -> metrics.raised(finding.detector(), finding.severity(), outcome));
        return alert;
    }

    private boolean resolve(Connection connection, String id, String reason, Long lastSeenBeforeMs)
            throws SQLException {
        long now = clock.millis();
        if (!store.resolve(connection, id, reason, now, lastSeenBeforeMs)) {
            return false;
        }
        AlertStore.Row row = store.find(connection, id, false);
        enqueue(connection, toAlert(row), "resolved", now);
        return true;
    }

    /** Queues one delivery of {@code event} per receiver that wants it, in the caller's transaction. */
    private void enqueue(Connection connection, Alert alert, String event, long now) throws SQLException {
        String snapshot = null;
        Severity severity = alert.severityValue();
        for (Receiver receiver : receivers.values()) {
            ReceiverSettings config = receiver.settings();
            if (!config.accepts(severity)) {
                continue;
            }
            boolean alertmanager = config.type() == ReceiverSettings.Type.ALERTMANAGER;
            if (event.equals("resend") && !alertmanager) {
                continue;
            }
            if (event.equals("resend") && store.hasPending(connection, alert.id(), config.name())) {
                continue; // the pending one carries the state; no need to queue another
            }
            if (snapshot == null) {
                snapshot = snapshot(alert);
            }
            store.enqueue(connection, alert.id(), config.name(), event, snapshot, now);
        }
        if (snapshot != null) {
            requireDurableCommit();
            afterCommit(this::signalWorkers);
        }
    }

    /**
     * One sweep: resolves inactive alerts, queues Alertmanager resends, refreshes the gauges. Runs on the sweeper
     * thread every {@link AlertSettings#sweepInterval()}; tests call it directly.
     *
     * @return the number of alerts resolved for inactivity
     */
    int sweep() {
        int resolved = resolveInactive();
        queueResends();
        pruneDeliveries();
        refreshGauges();
        return resolved;
    }

    private void pruneDeliveries() {
        long cutoff = clock.millis() - settings.deliveryRetention().toMillis();
        inTransaction("prune deliveries", c -> store.pruneDone(c, cutoff));
    }

    int resolveInactive() {
        long now = clock.millis();
        long cutoff = now - settings.resolveTimeout().toMillis();
        List<String> ids = inTransaction("find inactive", c -> store.inactiveSince(c, cutoff, SWEEP_BATCH));
        String reason = "inactive: no occurrence for " + settings.resolveTimeout();
        int resolved = 0;
        for (String id : ids) {
            if (inTransaction("resolve inactive " + id, c -> resolve(c, id, reason, cutoff))) {
                resolved++;
            }
        }
        if (resolved > 0) {
            signalWorkers();
        }
        return resolved;
    }

    private void queueResends() {
        boolean anyAlertmanager = receivers.values().stream()
                .anyMatch(r -> r.settings().type() == ReceiverSettings.Type.ALERTMANAGER);
        if (!anyAlertmanager) {
            return;
        }
        long now = clock.millis();
        List<String> ids = inTransaction("find resends", c -> store.resendDue(c, now, SWEEP_BATCH));
        for (String id : ids) {
            inTransaction("resend " + id, c -> {
                if (store.claimResend(c, id, now, now + settings.resendInterval().toMillis())) {
                    AlertStore.Row row = store.find(c, id, false);
                    enqueue(c, toAlert(row), "resend", now);
                }
                return null;
            });
        }
    }

    private void refreshGauges() {
        inTransaction("gauges", c -> {
            metrics.active(store.activeBySeverity(c));
            metrics.backlog(store.backlog(c));
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

    // ---- delivery -----------------------------------------------------------------------------------------------

    private void deliverLoop() {
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

    /** Claims and delivers one batch; returns how many deliveries were claimed. Tests call it directly. */
    int deliverDue(List<String> names) {
        return deliverDue(names, false);
    }

    private int deliverDue(List<String> names, boolean stopWhenClosed) {
        long now = clock.millis();
        long leaseUntil = now + settings.leaseDuration().toMillis();
        List<AlertStore.DeliveryRow> claimed;
        claimLock.lock();
        try {
            claimed = inTransaction("claim deliveries",
                    c -> store.claim(c, names, owner, now, leaseUntil, CLAIM_BATCH));
        } finally {
            claimLock.unlock();
        }
        for (AlertStore.DeliveryRow row : claimed) {
            if (stopWhenClosed && !running) {
                // Closing: leave the rest to the lease expiry / next start rather than delay shutdown.
                inTransaction("release", c -> store.retryLater(c, row.id(), owner, now, "collector stopped"));
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
                inTransaction("delivered", c -> store.finish(c, row.id(), owner, "delivered", now, null));
                metrics.delivery(row.receiver(), "ok");
            }
            case RETRY -> {
                if (attempt >= settings.maxAttempts()) {
                    giveUp(row, attempt, outcome.detail(), now);
                } else {
                    long backoff = Math.max(backoffMillis(attempt), Math.min(outcome.retryAfterMillis(),
                            settings.maxBackoff().toMillis()));
                    inTransaction("retry later", c -> store.retryLater(c, row.id(), owner, now + backoff,
                            outcome.detail()));
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
        inTransaction("give up", c -> store.finish(c, row.id(), owner, "failed", now, detail));
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

    private void signalWorkers() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    // ---- mapping ------------------------------------------------------------------------------------------------

    private Alert toAlert(AlertStore.Row row) {
        AlertStore.Body body = row.body();
        return new Alert(row.id(), row.status().wireName(), row.severity().wireName(), row.acknowledged(),
                row.acknowledgedBy(), instant(row.acknowledgedAtMs()), row.summary(), row.detector(),
                new ServiceId(row.serviceName(), row.serviceVersion()), body.kind(), body.operation(), body.target(),
                row.targetFingerprint(), body.evidence(), body.callSite(), body.attribution(), links(row),
                row.count(), Instant.ofEpochMilli(row.firstSeenMs()), Instant.ofEpochMilli(row.lastSeenMs()),
                Instant.ofEpochMilli(row.activeSinceMs()), instant(row.resolvedAtMs()), row.resolveReason(),
                row.reopenCount());
    }

    private AlertLinks links(AlertStore.Row row) {
        AlertStore.Body body = row.body();
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

    private static AlertStore.Body body(Finding finding, AlertAttribution attribution) {
        return new AlertStore.Body(finding.kind() == null ? null : finding.kind().wireName(), finding.operation(),
                finding.target(), finding.evidence(), finding.callSite(), attribution);
    }

    private static String fingerprint(Finding finding) {
        return finding.targetFingerprint() != null ? finding.targetFingerprint()
                : finding.target() != null ? finding.target() : "";
    }

    private static String snapshot(Alert alert) throws SQLException {
        try {
            return AlertJson.MAPPER.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise alert " + alert.id() + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    // ---- transactions -------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Actions to run after the current thread's transaction commits (metrics, wake-ups). */
    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();

    /** Set by work whose commit must survive kill -9 (see {@link #requireDurableCommit()}). */
    private static final ThreadLocal<boolean[]> DURABLE = new ThreadLocal<>();

    /**
     * Marks the current transaction as one whose commit must be on disk before the call returns: alerts and outbox
     * rows (new, reopened, escalated, resolved) and acknowledgements. PostgreSQL commits are durable anyway;
     * embedded H2 (MVStore) writes commits to its file in the background about once a second, so a kill -9 right
     * after {@code raise} returned would lose the alert. For H2 such a transaction is followed by
     * {@code CHECKPOINT}, which writes every committed change to the file (≈1 ms). Plain repeats (count and last
     * seen) skip it: a kill -9 may lose up to about a second of repeat counts, never an alert or a notification.
     */
    private static void requireDurableCommit() {
        boolean[] flag = DURABLE.get();
        if (flag != null) {
            flag[0] = true;
        }
    }

    private static void afterCommit(Runnable action) {
        List<Runnable> actions = AFTER_COMMIT.get();
        if (actions == null) {
            action.run();
        } else {
            actions.add(action);
        }
    }

    /**
     * Runs {@code work} in a transaction, retrying transient failures (serialization failures, deadlocks, lock
     * timeouts, a unique violation from a concurrent insert) up to {@value #MAX_TX_ATTEMPTS} times.
     */
    private <T> T inTransaction(String what, Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_TX_ATTEMPTS; attempt++) {
            List<Runnable> actions = new ArrayList<>();
            List<Runnable> outer = AFTER_COMMIT.get();
            boolean[] durable = {false};
            AFTER_COMMIT.set(actions);
            DURABLE.set(durable);
            try (Connection connection = db.connection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    if (durable[0] && db.kind() == Database.Kind.H2) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("CHECKPOINT");
                        }
                    }
                    AFTER_COMMIT.set(outer);
                    actions.forEach(Runnable::run);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                if (!isTransient(e)) {
                    break;
                }
            } finally {
                AFTER_COMMIT.set(outer);
                DURABLE.remove();
            }
        }
        throw new AlertStoreException("alert store: " + what + " failed: " + last.getMessage(), last);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; the pool discards it if broken
        }
    }

    private static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 40001 serialization failure, 40P01 deadlock, 23505 unique violation (racing insert),
                // 55P03 lock not available, HYT00 H2 lock timeout, 90131 H2 concurrent update
                if (state.equals("40001") || state.equals("40P01") || state.equals("23505")
                        || state.equals("55P03") || state.equals("HYT00") || state.equals("90131")) {
                    return true;
                }
            }
        }
        return false;
    }
}
