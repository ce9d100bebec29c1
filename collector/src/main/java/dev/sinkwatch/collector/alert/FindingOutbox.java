package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.journal.Journal;
import dev.sinkwatch.collector.model.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Findings on their way to the alert store. A pipeline worker hands a finding over with {@link #add} and goes on
 * with the next observation; one daemon thread, {@code sinkwatch-findings}, raises the findings through
 * {@link Alerts#raise}, oldest first. While the store is down (PostgreSQL restarting, a full disk) the thread
 * retries the finding at the head with backoff ({@value #INITIAL_BACKOFF_MILLIS} ms doubling up to
 * {@code maxBackoff}), so detection never waits on the store and no finding is dropped.
 *
 * <p>Durable: with a journal ({@code ingest.journal=fsync|os}) {@link #add} appends the finding to its own
 * write-ahead journal ({@code <data-dir>/findings}) before it returns, so the observation journal may forget the
 * observation that raised it; findings left at a stop or a kill -9 are raised at the next start. At least once: a
 * finding raised just before a crash is raised again after it (its alert counts it twice). Without a journal the
 * outbox is memory only and {@link #close} waits up to 10 s for it to empty.
 *
 * <p>Bounded: at most {@code capacity} findings wait (about 2 KB each). When that many piled up during an outage,
 * {@link #add} waits for room: the pipeline queue then fills and ingest answers 429, agents keep and resend —
 * back-pressure rather than unbounded memory or loss. A finding the store refuses for another reason than being
 * unreachable (a constraint, a bug) goes to the tail and is retried after the others, so it cannot block them.
 *
 * <p>Concurrency: {@code lock} guards {@code queue} and {@code reserved}; {@code notEmpty} wakes the sender, {@code notFull} wakes
 * waiting workers. Only the sender removes from the queue, so the head it peeked stays the head until it removes
 * it. The journal serialises appends itself; its checkpoints run on the sender thread (and at close, after it
 * stopped).
 */
public final class FindingOutbox implements AutoCloseable {

    /** What raising a finding needs; {@link Alerts#raise(Finding, AlertAttribution)} in production. */
    @FunctionalInterface
    public interface Raiser {
        void raise(Finding finding, AlertAttribution attribution);
    }

    /** A finding with the attribution it was linked to when detected. */
    public record Pending(Finding finding, AlertAttribution attribution) {
        public Pending {
            Objects.requireNonNull(finding, "finding");
        }
    }

    /** @param onRaised tells the journal the finding is in the store */
    private record Queued(Pending pending, Runnable onRaised) {
    }

    private static final Logger LOG = Logger.getLogger(FindingOutbox.class.getName());
    private static final long INITIAL_BACKOFF_MILLIS = 50;
    private static final long CLOSE_MILLIS = 10_000;

    private final Raiser raiser;
    private final Journal<Pending> journal;
    private final int capacity;
    private final long maxBackoffMillis;
    private final long checkpointMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** Workers between taking room and queuing (while they write the journal); guarded by {@code lock}. */
    private int reserved;
    private final AtomicLong raised = new AtomicLong();
    private final Counter retries;
    private final Thread sender;
    private volatile boolean running = true;
    private volatile long closeDeadlineNanos = Long.MAX_VALUE;

    /**
     * Starts the sender thread.
     *
     * @param journal where findings are kept until raised, or null for memory only; its leftovers from the last
     *                run are queued first
     */
    public FindingOutbox(Raiser raiser, Journal<Pending> journal, int capacity, Duration maxBackoff,
            Duration checkpointInterval, MeterRegistry registry) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1");
        }
        this.raiser = Objects.requireNonNull(raiser, "raiser");
        this.journal = journal;
        this.capacity = capacity;
        this.maxBackoffMillis = Math.max(INITIAL_BACKOFF_MILLIS, maxBackoff.toMillis());
        this.checkpointMillis = Math.max(1, checkpointInterval.toMillis());
        this.retries = Counter.builder("sinkwatch.alert.outbox.retries")
                .description("Findings the alert store refused (down or failing) and that were retried later")
                .register(registry);
        Gauge.builder("sinkwatch.alert.outbox.depth", this, FindingOutbox::depth)
                .description("Findings detected and not yet in the alert store").register(registry);
        if (journal != null) {
            long replayed = journal.replay((batch, done) -> {
                // one finding per entry (see add): the entry is done when that finding is raised
                for (Pending pending : batch) {
                    queue.add(new Queued(pending, done));
                }
            });
            if (replayed > 0) {
                LOG.info("finding outbox: " + replayed + " findings from before the last stop are raised first");
            }
        }
        this.sender = new Thread(this::run, "sinkwatch-findings");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Hands a finding over: journaled (when there is a journal), then queued for the sender. Returns at once unless
     * {@code capacity} findings are waiting; then waits for room.
     *
     * @throws IllegalStateException when the outbox is closed or its journal cannot be written (a disk failure: the
     *                               pipeline counts and logs it as a failure of that observation)
     */
    public void add(Finding finding, AlertAttribution attribution) {
        Pending pending = new Pending(finding, attribution);
        lock.lock();
        try {
            while (queue.size() + reserved >= capacity && running) {
                notFull.awaitUninterruptibly();
            }
            if (!running) {
                throw new IllegalStateException("finding outbox closed");
            }
            reserved++;
        } finally {
            lock.unlock();
        }
        Queued queued = null;
        try {
            Runnable onRaised = () -> { };
            if (journal != null) {
                Journal.Entry entry = journal.append(List.of(pending));
                onRaised = () -> journal.processed(entry);
            }
            queued = new Queued(pending, onRaised);
        } catch (IOException e) {
            throw new IllegalStateException("finding outbox: journal write failed: " + e.getMessage(), e);
        } finally {
            lock.lock();
            try {
                reserved--;
                if (queued != null) {
                    queue.addLast(queued);
                    notEmpty.signal();
                } else {
                    notFull.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** The journal of findings in {@code directory}, written as far as {@code durability} says before add returns. */
    public static Journal<Pending> journal(Path directory, Journal.Durability durability) throws IOException {
        return Journal.open(directory, durability, FindingCodec.INSTANCE);
    }

    /** Findings waiting for the store. */
    public int depth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until every finding added so far is in the store, or the timeout passes. */
    public boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            lock.lock();
            try {
                if (queue.isEmpty() && reserved == 0) {
                    return true;
                }
            } finally {
                lock.unlock();
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
    }

    /** Findings raised into the store since start. */
    public long raised() {
        return raised.get();
    }

    private void run() {
        long backoffMillis = INITIAL_BACKOFF_MILLIS;
        long lastCheckpointNanos = System.nanoTime();
        while (true) {
            Queued head = null;
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    if (!running) {
                        return;
                    }
                    notEmpty.awaitNanos(TimeUnit.MILLISECONDS.toNanos(checkpointMillis));
                }
                head = queue.peekFirst();
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (System.nanoTime() - lastCheckpointNanos > TimeUnit.MILLISECONDS.toNanos(checkpointMillis)) {
                checkpoint();
                lastCheckpointNanos = System.nanoTime();
            }
            if (head == null) {
                continue;
            }
            if (!running && System.nanoTime() > closeDeadlineNanos) {
                return;
            }
            try {
                raiser.raise(head.pending().finding(), head.pending().attribution());
            } catch (Throwable t) { // anything, or the only sender thread dies and ingest stalls at 429 for good
                RuntimeException e = t instanceof RuntimeException r ? r : new RuntimeException(t);
                retries.increment();
                boolean unreachable = storeUnreachable(e);
                if (backoffMillis == INITIAL_BACKOFF_MILLIS) {
                    LOG.log(Level.WARNING, "alert store " + (unreachable ? "unreachable" : "refused a finding")
                            + "; " + depth() + " findings wait and are retried with backoff: " + e.getMessage());
                }
                if (!unreachable) {
                    lock.lock();
                    try {
                        queue.addLast(queue.pollFirst()); // after the others: it cannot block them
                    } finally {
                        lock.unlock();
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                backoffMillis = Math.min(maxBackoffMillis, backoffMillis * 2);
                continue;
            }
            if (backoffMillis > INITIAL_BACKOFF_MILLIS) {
                LOG.info("alert store back; " + depth() + " findings still to raise");
            }
            backoffMillis = INITIAL_BACKOFF_MILLIS;
            lock.lock();
            try {
                queue.pollFirst();
                notFull.signal();
            } finally {
                lock.unlock();
            }
            raised.incrementAndGet();
            try {
                head.onRaised().run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "counting a raised finding failed; the sender goes on", t);
            }
        }
    }

    private void checkpoint() {
        if (journal == null) {
            return;
        }
        try {
            journal.checkpoint(() -> { });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "finding outbox: checkpoint failed (retried at the next one)", e);
        }
    }

    /** The store cannot be reached at all (as opposed to refusing this finding). */
    static boolean storeUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && AlertTransactions.isConnectionLoss(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops taking findings and gives the sender up to 10 s to raise those waiting; with a journal what is left is
     * raised at the next start, without one it is lost (and logged).
     */
    @Override
    public void close() throws IOException {
        closeDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_MILLIS);
        running = false;
        lock.lock();
        try {
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(CLOSE_MILLIS + maxBackoffMillis + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
        }
        int left = depth();
        if (left > 0) {
            LOG.warning("finding outbox: " + left + " findings not yet in the alert store at stop"
                    + (journal == null ? "; without a journal they are lost" : "; raised at the next start"));
        }
        if (journal != null && !sender.isAlive()) {
            checkpoint();
            journal.close();
        }
    }
}
