package dev.sinkwatch.collector.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/** {@code POST /v1/traces}: accepted and counted (an agent pointed at sinkwatch by a shared endpoint may send them). */
final class TracesHandler extends OtlpHandler {

    TracesHandler(IngestSettings settings, IngestMetrics metrics) {
        super("traces", settings, metrics);
    }

    @Override
    Reply export(byte[] body, Encoding encoding) throws IngestException {
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        parse(body, encoding, builder);
        long spans = 0;
        for (ResourceSpans resourceSpans : builder.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                spans += scopeSpans.getSpansCount();
            }
        }
        metrics.records(signal, "accepted", spans);
        return new Reply(response(ExportTraceServiceResponse.getDefaultInstance(), encoding), "accepted");
    }
}
