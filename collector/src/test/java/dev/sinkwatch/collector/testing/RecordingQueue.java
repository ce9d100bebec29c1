package dev.sinkwatch.collector.testing;

import dev.sinkwatch.collector.ingest.ObservationQueue;
import dev.sinkwatch.collector.model.Observation;
import java.util.ArrayList;
import java.util.List;

/** Collects what ingest offers; answers with {@link #answer} (ACCEPTED unless a test changes it). */
public final class RecordingQueue implements ObservationQueue {

    private final List<Observation> observations = new ArrayList<>();
    public volatile Offer answer = Offer.ACCEPTED;

    @Override
    public synchronized Offer offer(List<Observation> batch) {
        if (answer == Offer.ACCEPTED) {
            observations.addAll(batch);
        }
        return answer;
    }

    @Override
    public synchronized int depth() {
        return observations.size();
    }

    @Override
    public int capacity() {
        return 1000;
    }

    public synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    public synchronized void clear() {
        observations.clear();
    }
}
