package dev.sinkwatch.collector.journal;

import dev.sinkwatch.collector.ingest.ObservationQueue;
import dev.sinkwatch.collector.model.Observation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue ingest offers to when the journal is on: each batch is appended to the {@link Journal} before it is
 * queued, so that the 200 ingest then answers means "durable"; a batch the queue refuses (429/503) is cancelled in
 * the journal. A daemon thread {@code sinkwatch-journal} checkpoints every {@code checkpointInterval}; closing runs
 * a last checkpoint (after the pipeline drained, as {@code Main} closes in reverse order) and closes the journal.
 *
 * <p>Concurrency: {@link #offer} is called by many HTTP threads (the journal serialises appends); the completion
 * callbacks run on pipeline workers.
 */
public final class JournaledQueue implements ObservationQueue, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JournaledQueue.class.getName());

    private final Journal<Observation> journal;
    private final ObservationQueue delegate;
    private final Runnable flushState;
    private final ScheduledExecutorService checkpointer;

    /** @param flushState makes processed observations' effects durable (the profiles' write-behind flush) */
    public JournaledQueue(Journal<Observation> journal, ObservationQueue delegate, Runnable flushState,
            Duration checkpointInterval) {
        this.journal = journal;
        this.delegate = delegate;
        this.flushState = flushState;
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sinkwatch-journal");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, checkpointInterval.toMillis());
        checkpointer.scheduleWithFixedDelay(this::checkpoint, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Offer offer(List<Observation> batch) {
        return offer(batch, () -> { });
    }

    @Override
    public Offer offer(List<Observation> batch, Runnable onProcessed) {
        if (batch.isEmpty()) {
            return delegate.offer(batch, onProcessed);
        }
        Journal.Entry entry;
        try {
            entry = journal.append(batch);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "journal write failed; refusing the batch (the agent retries)", e);
            return Offer.STOPPED;
        }
        Offer offer = delegate.offer(batch, () -> {
            journal.processed(entry);
            onProcessed.run();
        });
        if (offer != Offer.ACCEPTED) {
            try {
                journal.cancel(entry);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "journal cancel failed; the refused batch will be replayed at start", e);
            }
        }
        return offer;
    }

    @Override
    public int depth() {
        return delegate.depth();
    }

    @Override
    public int capacity() {
        return delegate.capacity();
    }

    private void checkpoint() {
        try {
            journal.checkpoint(flushState);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "journal checkpoint failed (retried at the next one)", e);
        }
    }

    @Override
    public void close() throws IOException {
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
        journal.close();
    }
}
