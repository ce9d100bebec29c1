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
import dev.sinkwatch.agent.normalize.CommandShape;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.SinkModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.util.List;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.named;

/** Processes: {@code ProcessBuilder.start}, which {@code Runtime.exec} also goes through. */
public final class ProcessModule implements SinkModule, TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.PROCESS.wireName(), 5_000);

    /** {@code ProcessBuilder.start(...)}: the command is {@code this.command()}. */
    public static final class StartAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.This ProcessBuilder builder, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.PROCESS_EXEC, builder.command(), null, error);
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
        return command.isEmpty() ? null : table.intern(CommandShape.of(command));
    }

    @SuppressWarnings("unchecked")
    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        into.put(SinkAttributes.PROCESS_EXECUTABLE_NAME, CommandShape.executableName((List<String>) target));
        into.put(SinkAttributes.PROCESS_COMMAND_LINE, resolved.text());
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return String.join(" ", (List<String>) target);
    }
}
