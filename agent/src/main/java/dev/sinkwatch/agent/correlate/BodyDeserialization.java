package dev.sinkwatch.agent.correlate;

import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.contract.SinkAttributes;

/**
 * Deserialization of the request itself: an {@code ObjectInputStream} opened directly over the stream the
 * container's {@code getInputStream} returned for the request being served resolves a class. Every class such a
 * stream resolves is chosen by the client, so each is a verdict ({@code deserialization.body}, input
 * {@code body.stream}, span {@code 0-0}: the whole stream). A stream wrapped first (a {@code BufferedInputStream}) is
 * not recognised.
 *
 * <p>Stateless; thread-safe.
 */
public final class BodyDeserialization {
    /** The input a verdict names: the raw body. */
    public static final String INPUT = "body.stream";

    private BodyDeserialization() {
    }

    /** @param stream the {@code ObjectInputStream} resolving the class (the sink's context), or null */
    public static Verdict judge(Object stream, RequestInputs inputs) {
        return stream != null && inputs.readsBody(stream)
                ? new Verdict(SinkAttributes.RULE_DESERIALIZATION_BODY, INPUT, 0, 0, null) : null;
    }
}
