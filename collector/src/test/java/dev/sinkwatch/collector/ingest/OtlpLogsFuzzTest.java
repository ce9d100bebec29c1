package dev.sinkwatch.collector.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.testing.InputBudget;
import dev.sinkwatch.collector.testing.RecordingQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@code POST /v1/logs} below HTTP: any body, as protobuf and as OTLP JSON, is answered (accepted, or
 * refused with a 4xx that says why), never with an unexpected exception; whatever is accepted is within the field
 * caps. Each input must finish within the per-input time budget ({@link InputBudget}).
 *
 * <p>In the suite (regression mode) the seeds under {@code src/test/resources/.../OtlpLogsFuzzTestInputs} run, and
 * the {@code fuzz} surefire execution fuzzes each class for a short fixed time; longer on demand (docs/collector.md,
 * "Fuzzing").
 */
class OtlpLogsFuzzTest {

    private static final FieldLimits LIMITS = FieldLimits.DEFAULTS;
    private final RecordingQueue queue = new RecordingQueue();
    private final LogsHandler handler = new LogsHandler(new IngestSettings(1 << 20, 1 << 22, 1),
            new IngestMetrics(new SimpleMeterRegistry(), queue), queue, status -> { });

    OtlpLogsFuzzTest() {
        // Warm-up outside the budget: the first body of each encoding loads the parsers.
        export("{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8), Encoding.JSON);
        export(new byte[] {0x0a, 0x00}, Encoding.PROTOBUF);
        queue.clear();
    }

    @FuzzTest(maxDuration = "10s")
    void anyBodyIsAnsweredAndCapped(byte[] body) {
        Encoding encoding = body.length > 0 && (body[0] & 1) == 1 ? Encoding.JSON : Encoding.PROTOBUF;
        InputBudget.run("export", () -> export(body, encoding));
        for (Observation o : queue.observations()) {
            if (o.target().getBytes(StandardCharsets.UTF_8).length > LIMITS.maxTargetBytes()
                    + FieldLimits.MARKER.length()
                    || o.service().name().getBytes(StandardCharsets.UTF_8).length > LIMITS.maxNameBytes()
                    + FieldLimits.MARKER.length()
                    || o.callSite().frames().size() > LIMITS.maxFrames()) {
                throw new AssertionError("accepted record beyond the caps: " + o.key());
            }
        }
        queue.clear();
    }

    private void export(byte[] body, Encoding encoding) {
        try {
            handler.export(body, encoding);
        } catch (IngestException e) {
            if (e.httpStatus() / 100 != 4) {
                throw new AssertionError("a bad body must get a 4xx, got " + e.httpStatus() + ": " + e.getMessage());
            }
        }
    }
}
