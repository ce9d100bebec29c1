package dev.sinkwatch.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.collector.ingest.ObservationQueue.Offer;
import dev.sinkwatch.collector.metrics.ServiceLabels;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PipelineTest {

    static Observation observation(String service, String key, long count, long errors) {
        return observation(service, key, count, errors, 3);
    }

    static Observation observation(String service, String key, long count, long errors, int line) {
        return new Observation(new ServiceId(service, "1"), "i", null, key, SinkKind.FILE, "read", "/etc/passwd",
                new CallSite("com.acme.A.run", "A.java", line, List.of(), true), false, errors > 0, count, errors, 0,
                0, null, Map.of(), 0, 0);
    }

    @Test
    @DisplayName("stress: 8 threads offering at once never push the queue past its bound; every accepted observation is processed once")
    void concurrentOffersRespectTheBound() throws Exception {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxDepth = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        int capacity = 500;
        try (Pipeline pipeline = new Pipeline(capacity, 2, o -> {
            seen.incrementAndGet();
            return List.of();
        }, (o, f) -> { }, new SimpleMeterRegistry(), new ServiceLabels(10)).start()) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 2000; i++) {
                        int size = 1 + (i + thread) % 7;
                        List<Observation> batch = new ArrayList<>();
                        for (int j = 0; j < size; j++) {
                            batch.add(observation("s" + thread, "k", 1, 0, j));
                        }
                        if (pipeline.offer(batch) == Offer.ACCEPTED) {
                            accepted.addAndGet(size);
                        }
                        maxDepth.accumulateAndGet(pipeline.depth(), Math::max);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(pipeline.awaitIdle(10_000));
            assertEquals(accepted.get(), seen.get());
            assertEquals(accepted.get(), pipeline.processed());
            assertTrue(maxDepth.get() <= capacity, "depth " + maxDepth.get() + " > " + capacity);
            assertEquals(0, pipeline.depth());
        }
    }

    @Test
    @DisplayName("the queue is bounded in bytes too: large observations are refused (429) before the count bound, "
            + "small ones still fit, and the bytes are given back when processed")
    void queueIsBoundedInBytes() throws Exception {
        Observation small = observation("s", "k", 1, 0);
        Observation large = new Observation(new ServiceId("s", "1"), "i", null, "k", SinkKind.FILE, "read",
                "/".repeat(8_000), new CallSite("com.acme.A.run", "A.java", 3, List.of(), true), false, false, 1, 0,
                0, 0, null, Map.of(), 0, 0);
        long budget = 5 * Pipeline.estimatedBytes(large);
        CountDownLatch release = new CountDownLatch(1);
        try (Pipeline pipeline = new Pipeline(1_000, budget, 1, o -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }, (o, f) -> { }, new SimpleMeterRegistry(), new ServiceLabels(10), new CallSiteFrames(10)).start()) {
            int accepted = 0;
            while (pipeline.offer(List.of(large)) == Offer.ACCEPTED) {
                accepted++;
            }
            assertEquals(5, accepted, "five large observations fill the bytes, far below the 1,000 count bound");
            assertTrue(pipeline.queuedBytes() <= budget);
            assertEquals(Offer.TOO_LARGE, pipeline.offer(List.of(large, large, large, large, large, large)),
                    "a batch larger than the whole byte bound");
            release.countDown();
            assertTrue(pipeline.awaitIdle(5000));
            assertEquals(0, pipeline.queuedBytes());
            assertEquals(Offer.ACCEPTED, pipeline.offer(List.of(small, large)));
        }
    }

    @Test
    @DisplayName("deltas get the frames their call site's first sighting brought")
    void deltasGetFrames() throws Exception {
        List<Observation> seen = Collections.synchronizedList(new ArrayList<>());
        CallSite withFrames = new CallSite("com.acme.A.run", "A.java", 3, List.of("com.acme.A.run(A.java:3)",
                "com.acme.Main.main(Main.java:9)"), true);
        Observation first = new Observation(new ServiceId("s", "1"), "i", null, "k", SinkKind.FILE, "read", "/x",
                withFrames, true, false, 0, 0, 0, 0, null, Map.of(), 0, 0);
        try (Pipeline pipeline = new Pipeline(100, 1, o -> {
            seen.add(o);
            return List.of();
        }, (o, f) -> { }, new SimpleMeterRegistry(), new ServiceLabels(10)).start()) {
            pipeline.offer(List.of(first, observation("s", "k", 3, 0), observation("other", "k", 1, 0)));
            assertTrue(pipeline.awaitIdle(5000));
        }
        assertEquals(withFrames.frames(), seen.get(1).callSite().frames());
        assertEquals(List.of(), seen.get(2).callSite().frames(), "another service's call site is another call site");
    }

    @Test
    @DisplayName("with several workers every observation is processed once, in order per call site")
    void workersKeepOrderPerCallSite() throws Exception {
        Map<Integer, List<Integer>> byLine = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (Pipeline pipeline = new Pipeline(100_000, 3, o -> {
            threads.add(Thread.currentThread().getName());
            byLine.computeIfAbsent(o.callSite().line(), l -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Integer.parseInt(o.key()));
            return List.of();
        }, (o, f) -> { }, new SimpleMeterRegistry(), new ServiceLabels(10)).start()) {
            int sequence = 0;
            for (int batch = 0; batch < 200; batch++) {
                List<Observation> observations = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    observations.add(observation("s", Integer.toString(sequence++), 1, 0, i % 16));
                }
                assertEquals(Offer.ACCEPTED, pipeline.offer(observations));
            }
            assertTrue(pipeline.awaitIdle(10_000));
            assertEquals(10_000, pipeline.processed());
        }
        assertEquals(16, byLine.size());
        for (List<Integer> keys : byLine.values()) {
            List<Integer> sorted = new ArrayList<>(keys);
            Collections.sort(sorted);
            assertEquals(sorted, keys, "order kept within a call site");
        }
        assertTrue(threads.size() > 1, "work spread over workers: " + threads);
    }

    static Finding finding(Observation o) {
        return new Finding(Detector.NOVELTY_FILE, Severity.WARNING, "new path", o.service(), o.kind(), o.operation(),
                o.target(), o.target(), o.callSite(), Map.of(), 0);
    }

    @Test
    @DisplayName("observations go through the detector in order and findings reach the sink; traffic is counted")
    void flow() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        try (Pipeline pipeline = new Pipeline(100, 1, o -> {
            seen.add(o.key());
            return o.key().equals("k3") ? List.of(finding(o)) : List.of();
        }, (o, f) -> findings.add(f), registry, new ServiceLabels(10)).start()) {
            assertEquals(Offer.ACCEPTED, pipeline.offer(List.of(observation("s", "k1", 5, 1),
                    observation("s", "k2", 2, 0))));
            assertEquals(Offer.ACCEPTED, pipeline.offer(List.of(observation("s", "k3", 1, 0))));
            assertTrue(pipeline.awaitIdle(5000));
            assertEquals(List.of("k1", "k2", "k3"), seen);
            assertEquals(1, findings.size());
            assertEquals(8.0, registry.get("sinkwatch.sink.calls").tags("service", "s", "kind", "file").counter().count());
            assertEquals(1.0, registry.get("sinkwatch.sink.errors").tags("service", "s", "kind", "file").counter().count());
            assertEquals(3, pipeline.processed());
        }
    }

    @Test
    @DisplayName("the bound is on observations: a batch fits whole or is refused whole")
    void bounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Pipeline pipeline = new Pipeline(5, 1, o -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }, (o, f) -> { }, new SimpleMeterRegistry(), new ServiceLabels(10)).start()) {
            List<Observation> three = IntStream.range(0, 3).mapToObj(i -> observation("s", "k" + i, 1, 0)).toList();
            assertEquals(Offer.ACCEPTED, pipeline.offer(three));
            assertEquals(Offer.FULL, pipeline.offer(three));
            assertEquals(Offer.ACCEPTED, pipeline.offer(three.subList(0, 2)));
            assertEquals(Offer.TOO_LARGE, pipeline.offer(Collections.nCopies(6, three.get(0))));
            assertEquals(5, pipeline.depth());
            release.countDown();
            assertTrue(pipeline.awaitIdle(5000));
            assertEquals(0, pipeline.depth());
        }
    }

    @Test
    @DisplayName("a detector that throws costs one observation, not the pipeline")
    void failureIsolation() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (Pipeline pipeline = new Pipeline(100, 1, o -> {
            if (o.key().equals("bad")) {
                throw new IllegalStateException("boom");
            }
            seen.add(o.key());
            return List.of();
        }, (o, f) -> { }, registry, new ServiceLabels(10)).start()) {
            pipeline.offer(List.of(observation("s", "bad", 1, 0), observation("s", "good", 1, 0)));
            assertTrue(pipeline.awaitIdle(5000));
            assertEquals(List.of("good"), seen);
            assertEquals(1.0, registry.get("sinkwatch.pipeline.failures").counter().count());
            assertTrue(pipeline.healthy());
        }
    }

    @Test
    @DisplayName("close processes what was queued, then refuses new batches with STOPPED")
    void closeDrains() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Pipeline pipeline = new Pipeline(1000, 1, o -> {
            seen.add(o.key());
            return List.of();
        }, (o, f) -> { }, new SimpleMeterRegistry(), new ServiceLabels(10)).start();
        for (int i = 0; i < 100; i++) {
            pipeline.offer(List.of(observation("s", "k" + i, 1, 0)));
        }
        pipeline.close();
        assertEquals(100, seen.size());
        assertEquals(Offer.STOPPED, pipeline.offer(List.of(observation("s", "late", 1, 0))));
    }

    @Test
    @DisplayName("service labels are capped; later services count as other")
    void serviceCap() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Pipeline pipeline = new Pipeline(100, 1, o -> List.of(), (o, f) -> { }, registry,
                new ServiceLabels(2)).start()) {
            pipeline.offer(List.of(observation("a", "k", 1, 0), observation("b", "k", 1, 0),
                    observation("c", "k", 1, 0), observation("d", "k", 1, 0)));
            assertTrue(pipeline.awaitIdle(5000));
            assertEquals(2.0, registry.get("sinkwatch.sink.calls").tags("service", "other").counter().count());
        }
    }
}
