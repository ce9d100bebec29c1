package dev.sinkwatch.agent.sink.process;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.asm.Advice;

import java.util.Map;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Processes: {@code ProcessBuilder.start}, which {@code Runtime.exec} also goes through, with the environment the
 * application gave the child. Targets: {@link ProcessTargets}.
 */
public final class ProcessModule implements SinkModule<ProcessTargets> {
    private static final String PROCESS_BUILDER = "java.lang.ProcessBuilder";

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
    public SinkKind kind() {
        return SinkKind.PROCESS;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(PROCESS_BUILDER);
    }

    @Override
    public ProcessTargets newResolver(AgentConfig config) {
        return new ProcessTargets();
    }

    @Override
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder.type(named(PROCESS_BUILDER))
                .transform(advices.sink(named("start"), StartAdvice.class));
    }
}
