package dev.sinkwatch.collector.pipeline;

import dev.sinkwatch.collector.ingest.ObservationQueue;
import dev.sinkwatch.collector.metrics.ServiceLabels;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * The bounded hand-off between ingest and detection, and the one thread that runs detection: observation →
 * {@link Detector} → findings → {@link FindingSink} (the alert layer).
 *
 * <p>Concurrency: many HTTP workers call {@link #offer}; one thread, {@code sinkwatch-pipeline}, takes batches and
 * is the only caller of the detector and the sink, so neither needs to be thread-safe against itself. The bound is
 * on observations, not batches: {@code pending} counts observations offered and not yet processed; {@link #offer}
 * reserves room with a CAS loop before enqueueing, so {@code pending <= capacity} always holds and a batch is taken
 * whole or refused whole. {@code running} is written by {@link #start}/{@link #close} and read by everyone.
 *
 * <p>Failure: an exception from the detector or the sink for one observation is counted and logged; the thread goes
 * on with the next. On {@link #close} no new batch is taken and those already queued are processed (up to a timeout).
 */
public final class Pipeline implements ObservationQueue, AutoCloseable {

    /** What detection offers the pipeline: findings for one observation (empty for most). */
    @FunctionalInterface
    public interface Detector {
        List<Finding> observe(Observation observation);
    }

    /** Where findings go: the alert layer (persist, dedup, deliver); with the observation that caused them. */
    @FunctionalInterface
    public interface FindingSink {
        void accept(Observation cause, Finding finding);
    }

    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    private record Batch(List<Observation> observations, long enqueuedNanos) {
    }

    private final int capacity;
    private final Detector detector;
    private final FindingSink sink;
    private final Runnable idleHook;
    private final long idleHookIntervalNanos;
    private final MeterRegistry registry;
    private final ServiceLabels labels;
    private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong processed = new AtomicLong();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter failures;
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean drained;

    /**
     * @param idleHook called on the pipeline thread when the queue runs empty, at most once per
     *                 {@code idleHookIntervalMillis} (e.g. flush profiles); may be {@code null}
     */
    public Pipeline(int capacity, Detector detector, FindingSink sink, Runnable idleHook, long idleHookIntervalMillis,
            MeterRegistry registry, ServiceLabels labels) {
        this.capacity = capacity;
        this.detector = detector;
        this.sink = sink;
        this.idleHook = idleHook;
        this.idleHookIntervalNanos = TimeUnit.MILLISECONDS.toNanos(idleHookIntervalMillis);
        this.registry = registry;
        this.labels = labels;
        this.latency = Timer.builder("sinkwatch.pipeline.latency")
                .description("From a batch accepted by ingest to its last observation through detection and alerting")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.failures = Counter.builder("sinkwatch.pipeline.failures")
                .description("Observations whose detection or alerting threw (logged, then skipped)").register(registry);
        this.thread = new Thread(this::run, "sinkwatch-pipeline");
        this.thread.setDaemon(true);
    }

    public Pipeline start() {
        running = true;
        thread.start();
        return this;
    }

    @Override
    public Offer offer(List<Observation> batch) {
        int size = batch.size();
        if (size == 0) {
            return Offer.ACCEPTED;
        }
        if (!running) {
            return Offer.STOPPED;
        }
        if (size > capacity) {
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
        queue.add(new Batch(batch, System.nanoTime()));
        return Offer.ACCEPTED;
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

    /** True while the pipeline thread is alive and taking work. */
    public boolean healthy() {
        return running && thread.isAlive();
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

    private void run() {
        long lastIdleHook = System.nanoTime();
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
            if (batch == null) {
                if (idleHook != null && System.nanoTime() - lastIdleHook >= idleHookIntervalNanos) {
                    lastIdleHook = System.nanoTime();
                    runIdleHook();
                }
                continue;
            }
            for (Observation observation : batch.observations()) {
                process(observation);
            }
            pending.addAndGet(-batch.observations().size());
            processed.addAndGet(batch.observations().size());
            latency.record(System.nanoTime() - batch.enqueuedNanos(), TimeUnit.NANOSECONDS);
            if (queue.isEmpty() && idleHook != null && System.nanoTime() - lastIdleHook >= idleHookIntervalNanos) {
                lastIdleHook = System.nanoTime();
                runIdleHook();
            }
        }
        if (idleHook != null) {
            runIdleHook();
        }
        drained = true;
    }

    private void runIdleHook() {
        try {
            idleHook.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pipeline idle hook failed", e);
        }
    }

    private void process(Observation observation) {
        String service = labels.label(observation.service().name());
        String kind = observation.kind().wireName();
        counter("sinkwatch.sink.calls", "Sink calls reported by agents (from deltas and first sightings)",
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
                Counter.builder("sinkwatch.findings").description("Findings raised by detectors")
                        .tags("service", labels.label(finding.service().name()), "detector", finding.detector(),
                                "severity", finding.severity().wireName())
                        .register(registry).increment();
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

    /** Stops taking batches, processes those queued (up to 10 s), then stops the thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drained) {
            // A batch offered while close() flipped `running` may have landed after the thread's last look;
            // the thread is gone (join gives happens-before), so this thread may run detection now.
            Batch late;
            while ((late = queue.poll()) != null) {
                late.observations().forEach(this::process);
                pending.addAndGet(-late.observations().size());
                processed.addAndGet(late.observations().size());
            }
        } else if (thread.isAlive()) {
            LOG.warning("pipeline did not drain within 10 s; " + pending.get() + " observations not processed");
            thread.interrupt();
        }
    }
}
