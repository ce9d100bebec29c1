package dev.sinkwatch.agent.sink.process;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.util.Map;
import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.STATE;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.THROWN;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.field;
import static dev.sinkwatch.agent.sink.Methods.named;

/**
 * Processes: {@code ProcessBuilder.start}, which {@code Runtime.exec} also goes through, with the environment the
 * application gave the child. Targets: {@link ProcessTargets}.
 */
public final class ProcessModule implements SinkModule<ProcessTargets> {
    private static final String PROCESS_BUILDER = "java.lang.ProcessBuilder";

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
    public Weaving instrument(Weaving builder, Hooks hooks) {
        // The command is this.command(); the environment is the private field behind environment(), read as it is
        // (null when the application never asked for it): calling environment() would create it.
        return builder.typeNamed(PROCESS_BUILDER)
                .transform(hooks.methods().on(named("start"), hooks.sink(BridgeCall.of(SinkBridge.class,
                        "exitProcess", STATE, SELF, field("environment", Map.class), THROWN))));
    }
}
