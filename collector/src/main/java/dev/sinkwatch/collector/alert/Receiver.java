package dev.sinkwatch.collector.alert;

import java.time.Instant;

/**
 * Sends one delivery to one destination. Implementations are stateless apart from their HTTP client and are called
 * by several delivery workers at once (thread-safe). A receiver never retries by itself: it reports the outcome and
 * the outbox decides when to try again.
 */
interface Receiver {

    ReceiverSettings settings();

    /**
     * @return the outcome; an exception thrown is treated as {@link Result#retry(String)} with its message
     */
    Result deliver(Delivery delivery) throws Exception;

    /**
     * One outbox row being delivered.
     *
     * @param id      the outbox row id: unique per delivery, the same on every retry (an idempotency key)
     * @param event   {@code firing}, {@code reopened}, {@code escalated}, {@code resolved} or {@code resend}
     * @param alert   the alert as it was when the event happened
     * @param attempt 1 on the first try
     * @param now     the time of this attempt
     */
    record Delivery(long id, String event, Alert alert, int attempt, Instant now) {
    }

    /** What became of one attempt. {@code retryAfterMillis} is a server's Retry-After, 0 when none. */
    record Result(Outcome outcome, String detail, long retryAfterMillis) {
        enum Outcome { OK, RETRY, REJECTED }

        static Result ok() {
            return new Result(Outcome.OK, null, 0);
        }

        static Result retry(String detail) {
            return new Result(Outcome.RETRY, detail, 0);
        }

        static Result rejected(String detail) {
            return new Result(Outcome.REJECTED, detail, 0);
        }
    }
}
