package dev.sinkwatch.collector.ingest;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/**
 * {@code POST /v1/metrics}: the agent's own metrics are accepted and counted. Sink traffic on {@code /metrics} comes
 * from the log deltas (per service and kind, exact per interval), so these cumulative copies are not re-exported.
 */
final class MetricsHandler extends OtlpHandler {

    MetricsHandler(IngestSettings settings, IngestMetrics metrics) {
        super("metrics", settings, metrics);
    }

    @Override
    Reply export(byte[] body, Encoding encoding) throws IngestException {
        ExportMetricsServiceRequest.Builder builder = ExportMetricsServiceRequest.newBuilder();
        parse(body, encoding, builder);
        long points = 0;
        for (ResourceMetrics resourceMetrics : builder.getResourceMetricsList()) {
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    points += switch (metric.getDataCase()) {
                        case SUM -> metric.getSum().getDataPointsCount();
                        case GAUGE -> metric.getGauge().getDataPointsCount();
                        case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
                        case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
                        case SUMMARY -> metric.getSummary().getDataPointsCount();
                        default -> 0;
                    };
                }
            }
        }
        metrics.records(signal, "accepted", points);
        return new Reply(response(ExportMetricsServiceResponse.getDefaultInstance(), encoding), "accepted");
    }
}
