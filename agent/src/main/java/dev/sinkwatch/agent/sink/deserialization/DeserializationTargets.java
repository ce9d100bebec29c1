package dev.sinkwatch.agent.sink.deserialization;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.contract.SinkKind;

import java.util.Map;

/** Resolves deserialization targets: the resolved class's name, as it is. */
final class DeserializationTargets implements TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.DESERIALIZATION.wireName(), 10_000);

    @Override
    public String kind() {
        return SinkKind.DESERIALIZATION.wireName();
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        return table.intern((String) target);
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        // The class name is the target itself; there is nothing more to say about it.
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return (String) target;
    }
}
