package dev.sinkwatch.collector.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Ingest health on {@code /metrics}. Labels: {@code signal} (logs, metrics, traces), {@code outcome} (a fixed set:
 * accepted, partial, bad_request, too_large, unsupported, unauthorized, overloaded, unavailable, method_not_allowed,
 * io_error, internal_error) and {@code result} (accepted, rejected, ignored).
 *
 * <p>Concurrency: Micrometer meters are thread-safe; this class only looks them up.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry, ObservationQueue queue) {
        this.registry = registry;
        Gauge.builder("sinkwatch.ingest.queue.depth", queue, ObservationQueue::depth)
                .description("Observations accepted and waiting for the pipeline").register(registry);
        Gauge.builder("sinkwatch.ingest.queue.capacity", queue, ObservationQueue::capacity)
                .description("Observations the queue holds before ingest answers 429").register(registry);
    }

    void request(String signal, String outcome) {
        Counter.builder("sinkwatch.ingest.requests").description("OTLP/HTTP export requests by signal and outcome")
                .tags("signal", signal, "outcome", outcome).register(registry).increment();
    }

    void records(String signal, String result, long count) {
        if (count > 0) {
            Counter.builder("sinkwatch.ingest.records")
                    .description("Log records, metric data points or spans received, by result")
                    .tags("signal", signal, "result", result).register(registry).increment(count);
        }
    }

    void decodeError(String signal) {
        Counter.builder("sinkwatch.ingest.decode.errors")
                .description("Request bodies that could not be decoded (protobuf, JSON or gzip)")
                .tags("signal", signal).register(registry).increment();
    }

    void bytes(String signal, long count) {
        Counter.builder("sinkwatch.ingest.bytes").baseUnit("bytes")
                .description("Request body bytes after decompression").tags("signal", signal).register(registry)
                .increment(count);
    }
}
