package dev.sinkwatch.collector.ingest;

/**
 * A request the collector refuses, with the HTTP status and the reason returned in a {@code google.rpc.Status}.
 *
 * @see RpcStatus
 */
final class IngestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String outcome;

    /**
     * @param outcome bounded label for {@code sinkwatch_ingest_requests_total{outcome}}
     */
    IngestException(int httpStatus, String outcome, String reason) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
        this.outcome = outcome;
    }

    int httpStatus() {
        return httpStatus;
    }

    String outcome() {
        return outcome;
    }
}
