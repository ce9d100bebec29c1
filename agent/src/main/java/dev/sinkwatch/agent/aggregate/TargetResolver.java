package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.ThreadState;

import java.util.Map;

/**
 * Turns what a hook saw (SQL text, a path, an address, a command list...) into an interned {@link Target}.
 * One per sink kind, in that kind's package.
 *
 * <p>{@link #resolve} runs on every call and must not allocate when the target is already known;
 * {@link #attributes} and {@link #raw} run only for a key's first sighting.
 */
public interface TargetResolver {

    /** The sink kind's wire name. */
    String kind();

    /** The target, or null to ignore the call. */
    Target resolve(int operation, Object target, Object context, ThreadState state);

    /** Semantic-convention attributes of a new key, added to {@code into}. */
    void attributes(ThreadState state, int operation, Target resolved, Object target, Object context,
                    Map<String, Object> into);

    /** The unnormalised target, for {@code sinkwatch.capture.raw}. */
    String raw(ThreadState state, Object target, Object context);
}
