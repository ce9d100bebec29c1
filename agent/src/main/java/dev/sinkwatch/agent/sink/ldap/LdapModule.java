package dev.sinkwatch.agent.sink.ldap;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.normalize.LdapFilter;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.agent.sink.TextShapeTargets;
import dev.sinkwatch.contract.SinkKind;

import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.NULL;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;

/**
 * LDAP search filters: {@code InitialDirContext.search} (and so {@code InitialLdapContext}, Spring LDAP's contexts)
 * with a string filter or a {@code filterExpr} whose arguments are bound, and the JDK's LDAP provider
 * {@code com.sun.jndi.ldap.LdapCtx.c_search}, where a context obtained any other way (a lookup, a referral) searches.
 * The filter is argument 1 of each; the per-kind depth records an {@code InitialDirContext} search once. A search
 * by matching attributes (no filter text) builds its filter inside the provider and is not recorded. Targets:
 * a {@link TextShapeTargets} of {@link LdapFilter}.
 */
public final class LdapModule implements SinkModule<TextShapeTargets> {
    private static final String INITIAL_DIR_CONTEXT = "javax.naming.directory.InitialDirContext";
    private static final String LDAP_CTX = "com.sun.jndi.ldap.LdapCtx";

    @Override
    public SinkKind kind() {
        return SinkKind.LDAP;
    }

    @Override
    public TextShapeTargets newResolver(AgentConfig config) {
        return new TextShapeTargets(SinkKind.LDAP) {
            @Override
            protected String shape(String text) {
                return LdapFilter.normalise(text);
            }
        };
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(INITIAL_DIR_CONTEXT, LDAP_CTX);
    }

    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder.typeNamed(INITIAL_DIR_CONTEXT)
                .transform(hooks.sink(named("search").and(takesArgument(1, String.class)), Ops.LDAP_SEARCH,
                        argument(1), NULL))
                .typeNamed(LDAP_CTX)
                .transform(hooks.sink(named("c_search").and(takesArgument(1, String.class)), Ops.LDAP_SEARCH,
                        argument(1), NULL));
    }
}
