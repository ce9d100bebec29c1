package dev.sinkwatch.collector.ingest;

import dev.sinkwatch.collector.ingest.LogDecoder.AgentStatus;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.function.Consumer;

/**
 * {@code POST /v1/logs}: the agent's sink records become observations on the queue, status records go to agent
 * health. The whole batch is queued or refused (429/503), so an accepted request is never partly lost; records
 * that break the contract are reported in {@code partial_success}.
 */
final class LogsHandler extends OtlpHandler {

    private final LogDecoder decoder = new LogDecoder();
    private final ObservationQueue queue;
    private final Consumer<AgentStatus> agentHealth;

    LogsHandler(IngestSettings settings, IngestMetrics metrics, ObservationQueue queue,
            Consumer<AgentStatus> agentHealth) {
        super("logs", settings, metrics);
        this.queue = queue;
        this.agentHealth = agentHealth;
    }

    @Override
    Reply export(byte[] body, Encoding encoding) throws IngestException {
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        parse(body, encoding, builder);
        LogDecoder.Result result = decoder.decode(builder.build());
        if (!result.observations().isEmpty()) {
            switch (queue.offer(result.observations())) {
                case ACCEPTED -> { }
                case FULL -> throw new IngestException(429, "overloaded",
                        "ingest queue full (" + queue.depth() + " of " + queue.capacity() + " observations); retry later");
                case TOO_LARGE -> throw new IngestException(413, "too_large", "batch of "
                        + result.observations().size() + " records exceeds the queue capacity " + queue.capacity());
                case STOPPED -> throw new IngestException(503, "unavailable", "collector is shutting down");
            }
        }
        result.statuses().forEach(agentHealth);
        metrics.records(signal, "accepted", result.observations().size() + result.statuses().size());
        metrics.records(signal, "ignored", result.ignored());
        metrics.records(signal, "rejected", result.rejected());
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (result.rejected() > 0) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(result.rejected())
                    .setErrorMessage(result.rejected() + " record(s) rejected; first: " + result.firstProblem()));
        }
        return new Reply(response(response.build(), encoding), result.rejected() > 0 ? "partial" : "accepted");
    }
}
