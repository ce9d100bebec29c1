package dev.sinkwatch.agent.sink.ldap;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.normalize.LdapFilter;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.agent.sink.TextShapeTargets;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.asm.Advice;

import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static dev.sinkwatch.agent.sink.Signatures.takesArgument;

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

    public static final class SearchAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Argument(1) String filter,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.LDAP_SEARCH, filter, null, error);
        }
    }

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
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder.type(named(INITIAL_DIR_CONTEXT))
                .transform(advices.sink(named("search").and(takesArgument(1, String.class)), SearchAdvice.class))
                .type(named(LDAP_CTX))
                .transform(advices.sink(named("c_search").and(takesArgument(1, String.class)), SearchAdvice.class));
    }
}
