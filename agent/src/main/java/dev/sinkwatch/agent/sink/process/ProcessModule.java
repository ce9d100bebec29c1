package dev.sinkwatch.agent.sink.process;

import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.ChildEnvironment;
import dev.sinkwatch.agent.normalize.CommandShape;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.SinkModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.util.List;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Processes: {@code ProcessBuilder.start}, which {@code Runtime.exec} also goes through. The variables the
 * application set for the child are part of its target ({@link ChildEnvironment}): {@code GREETING=? sh -c "echo ?"}.
 */
public final class ProcessModule implements SinkModule, TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.PROCESS.wireName(), 5_000);

    /**
     * {@code ProcessBuilder.start(...)}: the command is {@code this.command()}; the environment is the private field
     * behind {@code environment()}, read as it is (null when the application never asked for it): calling
     * {@code environment()} would create it.
     */
    public static final class StartAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This ProcessBuilder builder,
                                @Advice.FieldValue("environment") Map<String, String> environment,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.PROCESS_EXEC, builder.command(), environment, error);
        }
    }

    @Override
    public String kind() {
        return SinkKind.PROCESS.wireName();
    }

    @Override
    public void register(Recorder recorder) {
        recorder.register(this, Ops.PROCESS_EXEC);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder.type(named("java.lang.ProcessBuilder"))
                .transform(advices.sink(named("start"), StartAdvice.class));
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
