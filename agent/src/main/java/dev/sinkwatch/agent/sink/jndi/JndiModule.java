package dev.sinkwatch.agent.sink.jndi;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.NULL;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

/**
 * JNDI: {@code InitialContext.lookup} by string or {@code Name} (and so every {@code InitialDirContext}). Targets:
 * {@link JndiTargets}.
 */
public final class JndiModule implements SinkModule<JndiTargets> {
    private static final String INITIAL_CONTEXT = "javax.naming.InitialContext";

    @Override
    public SinkKind kind() {
        return SinkKind.JNDI;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(INITIAL_CONTEXT);
    }

    @Override
    public JndiTargets newResolver(AgentConfig config) {
        return new JndiTargets();
    }

    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder.typeNamed(INITIAL_CONTEXT)
                .transform(hooks.sink(named("lookup").and(takesArguments(1)), Ops.JNDI_LOOKUP, argument(0), NULL));
    }
}
