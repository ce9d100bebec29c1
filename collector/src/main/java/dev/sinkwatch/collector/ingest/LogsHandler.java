package dev.sinkwatch.collector.ingest;

import dev.sinkwatch.collector.ingest.LogDecoder.AgentStatus;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import dev.sinkwatch.collector.model.Observation;
import java.util.ArrayList;
import java.util.List;
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
    private final FieldLimits limits;

    LogsHandler(IngestSettings settings, IngestMetrics metrics, ObservationQueue queue,
            Consumer<AgentStatus> agentHealth) {
        super("logs", settings, metrics);
        this.queue = queue;
        this.agentHealth = agentHealth;
        this.limits = settings.fieldLimits();
    }

    @Override
    Reply export(byte[] body, Encoding encoding) throws IngestException {
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        parse(body, encoding, builder);
        LogDecoder.Result result = decoder.decode(builder.build());
        List<Observation> observations = capped(result.observations());
        if (!observations.isEmpty()) {
            switch (queue.offer(observations)) {
                case ACCEPTED -> { }
                case FULL -> throw new IngestException(429, "overloaded",
                        "ingest queue full (" + queue.depth() + " of " + queue.capacity()
                                + " observations, or ingest.queue-max-bytes); retry later");
                case TOO_LARGE -> throw new IngestException(413, "too_large", "batch of "
                        + result.observations().size() + " records exceeds the queue capacity " + queue.capacity()
                        + " or ingest.queue-max-bytes");
                case STOPPED -> throw new IngestException(503, "unavailable", "collector is shutting down");
            }
        }
        for (AgentStatus status : result.statuses()) {
            agentHealth.accept(new AgentStatus(limits.name(status.service()), limits.name(status.instanceId()),
                    status.keys(), status.keysCapacity(), status.keysOverflow(), status.exportDropped(),
                    status.stackWalks()));
        }
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

    /** The observations with every field within {@code ingest.max-*} (docs/collector.md, "Limits"). */
    private List<Observation> capped(List<Observation> observations) {
        List<Observation> out = new ArrayList<>(observations.size());
        int truncated = 0;
        for (Observation o : observations) {
            Observation c = limits.apply(o);
            truncated += c == o ? 0 : 1;
            out.add(c);
        }
        metrics.records(signal, "truncated", truncated);
        return out;
    }
}
