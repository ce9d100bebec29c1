package dev.sinkwatch.collector.pipeline;

import dev.sinkwatch.collector.ingest.ObservationQueue;
import dev.sinkwatch.collector.metrics.ServiceLabels;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded hand-off between ingest and detection, and the worker threads that run detection: observation →
 * {@link Detector} → findings → {@link FindingSink} (attribution, the alert layer, the findings count). Findings
 * go one way: nothing comes back from the sink.
 *
 * <p>Concurrency: many HTTP workers call {@link #offer}. {@code workers} threads ({@code sinkwatch-pipeline-N})
 * each own one queue; an observation goes to the worker chosen by the hash of (service name, call site id), so all
 * observations of one call site — one profile — are processed by one thread, in the order they were accepted. With
 * more than one worker the detector and the sink are called concurrently for different call sites and must be
 * thread-safe (the detection engine and the alert layer are). Two bounds, on observations and on their estimated
 * bytes ({@link #estimatedBytes}), not batches: {@code pending} counts observations offered and not yet processed,
 * {@code pendingBytes} their bytes; {@link #offer} reserves room in both with CAS loops before enqueueing (giving the
 * first back when the second has none), so {@code pending <= capacity} and {@code pendingBytes <= maxBytes} always
 * hold and a batch is taken whole or refused whole.
 * {@code running} is written by {@link #start}/{@link #close} and read by everyone.
 *
 * <p>Delta records carry no stack frames; the frames a call site's first sighting brought are added to them
 * ({@link CallSiteFrames}) so that alerts raised or repeated from deltas keep the full call path.
 *
 * <p>Failure: an exception from the detector or the sink for one observation is counted and logged; the worker
 * goes on with the next. On {@link #close} no new batch is taken and those already queued are processed (up to a
 * timeout).
 */
public final class Pipeline implements ObservationQueue, AutoCloseable {

    /** What detection offers the pipeline: findings for one observation (empty for most). */
    @FunctionalInterface
    public interface Detector {
        List<Finding> observe(Observation observation);
    }

    /** Where findings go, with the observation that caused them: attributed, alerted and counted there. */
    @FunctionalInterface
    public interface FindingSink {
        void accept(Observation cause, Finding finding);
    }

    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    /** @param onProcessed counted down once per part of an offered batch; the last part runs the callback */
    private record Batch(List<Observation> observations, long bytes, long enqueuedNanos, Completion onProcessed) {
    }

    /** Runs a callback when the last of {@code parts} parts of a batch is processed. */
    private static final class Completion {
        private final AtomicInteger parts;
        private final Runnable callback;

        Completion(int parts, Runnable callback) {
            this.parts = new AtomicInteger(parts);
            this.callback = callback;
        }

        void partDone() {
            if (parts.decrementAndGet() == 0) {
                callback.run();
            }
        }
    }

    private final int capacity;
    private final long maxBytes;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Detector detector;
    private final FindingSink sink;
    private final MeterRegistry registry;
    private final ServiceLabels labels;
    private final List<LinkedBlockingQueue<Batch>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong processed = new AtomicLong();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final CallSiteFrames callSiteFrames;
    private final Timer latency;
    private final Timer hold;
    private final Counter failures;
    private volatile boolean running;

    /** @param workers detection threads; observations of one call site always go to the same one */
    public Pipeline(int capacity, int workers, Detector detector, FindingSink sink, MeterRegistry registry,
            ServiceLabels labels) {
        this(capacity, Long.MAX_VALUE, workers, detector, sink, registry, labels, new CallSiteFrames(100_000));
    }

    /**
     * @param maxBytes       bound on the estimated bytes of the observations queued
     * @param callSiteFrames frames of known call sites, given to delta records (the caller closes it)
     */
    public Pipeline(int capacity, long maxBytes, int workers, Detector detector, FindingSink sink,
            MeterRegistry registry, ServiceLabels labels, CallSiteFrames callSiteFrames) {
        this.callSiteFrames = callSiteFrames;
        this.maxBytes = maxBytes;
        Gauge.builder("sinkwatch.ingest.queue.bytes", pendingBytes, AtomicLong::get)
                .baseUnit("bytes").description("Estimated bytes of the observations queued for detection")
                .register(registry);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.capacity = capacity;
        this.detector = detector;
        this.sink = sink;
        this.registry = registry;
        this.labels = labels;
        this.latency = Timer.builder("sinkwatch.pipeline.latency")
                .description("From a batch accepted by ingest to its last observation through detection and alerting")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.hold = Timer.builder("sinkwatch.pipeline.observation")
                .description("How long one observation held a pipeline worker (detection and alerting); its max is "
                        + "the longest hold of the recent past")
                .register(registry);
        this.failures = Counter.builder("sinkwatch.pipeline.failures")
                .description("Observations whose detection or alerting threw (logged, then skipped)").register(registry);
        for (int i = 0; i < workers; i++) {
            LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            Thread thread = new Thread(() -> run(queue), "sinkwatch-pipeline-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    public Pipeline start() {
        running = true;
        threads.forEach(Thread::start);
        return this;
    }

    @Override
    public Offer offer(List<Observation> batch) {
        return offer(batch, () -> { });
    }

    @Override
    public Offer offer(List<Observation> batch, Runnable onProcessed) {
        int size = batch.size();
        if (size == 0) {
            onProcessed.run();
            return Offer.ACCEPTED;
        }
        if (!running) {
            return Offer.STOPPED;
        }
        if (size > capacity) {
            return Offer.TOO_LARGE;
        }
        long[] partBytes = new long[queues.size()];
        List<List<Observation>> parts = new ArrayList<>(queues.size());
        for (int i = 0; i < queues.size(); i++) {
            parts.add(queues.size() == 1 ? batch : new ArrayList<>());
        }
        long bytes = 0;
        for (Observation observation : batch) {
            int part = queues.size() == 1 ? 0 : partition(observation);
            long b = estimatedBytes(observation);
            partBytes[part] += b;
            bytes += b;
            if (queues.size() > 1) {
                parts.get(part).add(observation);
            }
        }
        if (bytes > maxBytes) {
            return Offer.TOO_LARGE;
        }
        while (true) {
            int current = pending.get();
            if (current + size > capacity) {
                return Offer.FULL;
            }
            if (pending.compareAndSet(current, current + size)) {
                break;
            }
        }
        while (true) {
            long current = pendingBytes.get();
            if (current + bytes > maxBytes) {
                pending.addAndGet(-size);
                return Offer.FULL;
            }
            if (pendingBytes.compareAndSet(current, current + bytes)) {
                break;
            }
        }
        long now = System.nanoTime();
        Completion completion = new Completion((int) parts.stream().filter(p -> !p.isEmpty()).count(), onProcessed);
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).isEmpty()) {
                queues.get(i).add(new Batch(parts.get(i), partBytes[i], now, completion));
            }
        }
        return Offer.ACCEPTED;
    }

    /**
     * What an observation holds on the heap, roughly: its strings at 2 bytes a character (UTF-16; Latin-1 strings
     * take half, so this overestimates), 40 bytes per object header and reference group, 8 per bucket.
     */
    static long estimatedBytes(Observation o) {
        long chars = length(o.service().name()) + length(o.service().version()) + length(o.instanceId())
                + length(o.revision()) + length(o.key()) + length(o.operation()) + length(o.target())
                + length(o.callSite().function()) + length(o.callSite().file());
        long objects = 12;
        for (String frame : o.callSite().frames()) {
            chars += length(frame);
            objects++;
        }
        for (Map.Entry<String, String> attribute : o.attributes().entrySet()) {
            chars += length(attribute.getKey()) + length(attribute.getValue());
            objects += 3;
        }
        return 2 * chars + 40 * objects + 8L * o.durationBuckets().length + 96;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** Estimated bytes of the observations queued. */
    public long queuedBytes() {
        return pendingBytes.get();
    }

    private int partition(Observation observation) {
        int hash = observation.service().name().hashCode() * 31 + observation.callSite().function().hashCode() * 17
                + observation.callSite().line();
        return Math.floorMod(hash ^ (hash >>> 16), queues.size());
    }

    @Override
    public int depth() {
        return pending.get();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Observations processed since start. */
    public long processed() {
        return processed.get();
    }

    /** True while every worker is alive and taking work. */
    public boolean healthy() {
        return running && threads.stream().allMatch(Thread::isAlive);
    }

    /** Blocks until every observation offered so far has been processed, or the timeout passes. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private void run(LinkedBlockingQueue<Batch> queue) {
        while (running || !queue.isEmpty()) {
            Batch batch;
            try {
                batch = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
                continue;
            }
            if (batch != null) {
                processBatch(batch);
            }
        }
    }

    private void processBatch(Batch batch) {
        for (Observation observation : batch.observations()) {
            process(observation);
        }
        // processed before pending: awaitIdle() callers then see the count complete
        processed.addAndGet(batch.observations().size());
        pendingBytes.addAndGet(-batch.bytes());
        pending.addAndGet(-batch.observations().size());
        latency.record(System.nanoTime() - batch.enqueuedNanos(), TimeUnit.NANOSECONDS);
        try {
            batch.onProcessed().partDone();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "batch completion callback failed", e);
        }
    }

    private void process(Observation received) {
        long startNanos = System.nanoTime();
        try {
            detectAndAlert(received);
        } finally {
            hold.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void detectAndAlert(Observation received) {
        Observation observation = callSiteFrames.complete(received);
        String service = labels.label(observation.service().name());
        String kind = observation.kind().wireName();
        counter("sinkwatch.sink.calls", "Sink calls reported by agents (counted from deltas)",
                service, kind).increment(observation.count());
        if (observation.errors() > 0) {
            counter("sinkwatch.sink.errors", "Sink calls that threw", service, kind).increment(observation.errors());
        }
        if (observation.firstSighting()) {
            counter("sinkwatch.sink.keys.new", "First sightings of a key (call site, kind, operation, target)",
                    service, kind).increment();
        }
        try {
            List<Finding> findings = detector.observe(observation);
            for (Finding finding : findings) {
                sink.accept(observation, finding);
            }
        } catch (RuntimeException e) {
            failures.increment();
            LOG.log(Level.WARNING, "pipeline failed on observation " + observation.key() + " of "
                    + observation.service().name(), e);
        }
    }

    private Counter counter(String name, String description, String service, String kind) {
        return counters.computeIfAbsent(name + '\u0000' + service + '\u0000' + kind, k -> Counter.builder(name)
                .description(description).tags("service", service, "kind", kind).register(registry));
    }

    /** Stops taking batches, processes those queued (up to 10 s), then stops the workers. */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean allStopped = true;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            allStopped &= !thread.isAlive();
        }
        if (!allStopped) {
            LOG.warning("pipeline did not drain within 10 s; " + pending.get() + " observations not processed");
            threads.forEach(Thread::interrupt);
            return;
        }
        // A batch offered while close() flipped `running` may have landed after a worker's last look; the workers
        // are gone (join gives happens-before), so this thread may run detection now.
        for (LinkedBlockingQueue<Batch> queue : queues) {
            Batch late;
            while ((late = queue.poll()) != null) {
                processBatch(late);
            }
        }
    }
}
