package dev.sinkwatch.collector.ingest;

import dev.sinkwatch.collector.model.Observation;
import java.util.List;

/**
 * Where ingest hands decoded observations. Implementations are bounded and never drop silently: a batch is either
 * taken whole ({@link Offer#ACCEPTED}) or refused, and ingest then answers 429 or 503 so the agent retries.
 *
 * <p>Concurrency: {@link #offer} is called from many HTTP worker threads at once.
 */
public interface ObservationQueue {

    enum Offer { ACCEPTED, FULL, TOO_LARGE, STOPPED }

    Offer offer(List<Observation> batch);

    /**
     * Like {@link #offer(List)}; when the batch is accepted, {@code onProcessed} runs once every observation of it
     * has been through detection and alerting (the write-ahead journal then knows it may forget the batch). This
     * default runs it at once, for queues that process nothing themselves.
     */
    default Offer offer(List<Observation> batch, Runnable onProcessed) {
        Offer offer = offer(batch);
        if (offer == Offer.ACCEPTED) {
            onProcessed.run();
        }
        return offer;
    }

    /** Observations waiting, for the queue-depth gauge and health. */
    int depth();

    int capacity();
}
