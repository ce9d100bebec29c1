package dev.sinkwatch.agent.sink.process;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.ChildEnvironment;
import dev.sinkwatch.agent.normalize.CommandShape;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;

import java.util.List;
import java.util.Map;

/**
 * Resolves process targets: a command list to its {@link CommandShape}, after the variables the application set for
 * the child ({@link ChildEnvironment}): {@code GREETING=? sh -c "eval ?"}.
 */
final class ProcessTargets implements TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.PROCESS.wireName(), 5_000);

    @Override
    public String kind() {
        return SinkKind.PROCESS.wireName();
    }

    @SuppressWarnings("unchecked")
    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        List<String> command = (List<String>) target;
        if (command.isEmpty()) {
            return null;
        }
        String environment = ChildEnvironment.shape(ChildEnvironment.appSet((Map<String, String>) context));
        return table.intern(environment + CommandShape.of(command));
    }

    @SuppressWarnings("unchecked")
    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        into.put(SinkAttributes.PROCESS_EXECUTABLE_NAME, CommandShape.executableName((List<String>) target));
        into.put(SinkAttributes.PROCESS_COMMAND_LINE, resolved.text());
    }

    @SuppressWarnings("unchecked")
    @Override
    public String raw(ThreadState state, Object target, Object context) {
        Map<String, String> environment = (Map<String, String>) context;
        return ChildEnvironment.raw(ChildEnvironment.appSet(environment), environment)
                + String.join(" ", (List<String>) target);
    }
}
