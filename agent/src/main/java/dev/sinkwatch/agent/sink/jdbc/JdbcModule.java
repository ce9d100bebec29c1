package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.agent.bootstrap.JdbcBridge;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.HierarchyGate;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.Set;

import static dev.sinkwatch.agent.sink.Advices.ENTER;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static dev.sinkwatch.agent.sink.Signatures.takesArgument;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

/**
 * JDBC: every concrete implementation of {@code Statement}, {@code Connection} and {@code Driver} (drivers, pools,
 * wrappers), found through {@link JdbcHierarchy}: matched by hierarchy, so no type is named. Targets:
 * {@link JdbcTargets}, which also hears, through {@link JdbcBridge}, of connections and statements as they are
 * created.
 */
public final class JdbcModule implements SinkModule<JdbcTargets> {
    /** Shared by the three matchers: one class's supertypes are looked up once, not three times. */
    private static final JdbcHierarchy HIERARCHY = new JdbcHierarchy();

    /** Concrete JDBC statements (for other modules weaving the same classes: the blocking guard). */
    public static Weaving.TypeMatcher statements() {
        return HIERARCHY.implementing(JdbcHierarchy.STATEMENT);
    }

    /** Concrete JDBC connections. */
    public static Weaving.TypeMatcher connections() {
        return HIERARCHY.implementing(JdbcHierarchy.CONNECTION);
    }

    @Override
    public SinkKind kind() {
        return SinkKind.JDBC;
    }

    @Override
    public Set<String> typeNames() {
        return Collections.emptySet();
    }

    /** The early answer for {@link #statements()}, {@link #connections()} and this module's own matchers. */
    public static HierarchyGate gate() {
        return GATE;
    }

    private static final HierarchyGate GATE = new HierarchyGate() {
        @Override
        public boolean mayMatch(ClassLoader loader, String className, String[] supertypes) {
            return HIERARCHY.mayImplement(loader, className, supertypes);
        }

        @Override
        public boolean mayMatch(Class<?> loaded) {
            return !loaded.isInterface() && (java.sql.Statement.class.isAssignableFrom(loaded)
                    || java.sql.Connection.class.isAssignableFrom(loaded) || java.sql.Driver.class.isAssignableFrom(loaded));
        }
    };

    @Override
    public HierarchyGate hierarchyGate() {
        return gate();
    }

    @Override
    public JdbcTargets newResolver(AgentConfig config) {
        return new JdbcTargets(config.captureRaw());
    }

    @Override
    public void connect(JdbcTargets resolver) {
        JdbcBridge.install(resolver);
    }

    @Override
    public Weaving instrument(Weaving builder, Advices advices) {
        ElementMatcher.Junction<MethodDescription> withSql = takesArgument(0, String.class);
        ElementMatcher.Junction<MethodDescription> prepared = takesArguments(0).and(not(isAbstract()));
        return builder
                .type(HIERARCHY.implementing(JdbcHierarchy.STATEMENT))
                .transform(advices.forAdvice()
                        .advice(named("executeQuery").and(withSql), ENTER, exit(JdbcAdvice.QuerySql.class))
                        .advice(UPDATES.and(withSql), ENTER, exit(JdbcAdvice.UpdateSql.class))
                        .advice(named("execute").and(withSql), ENTER, exit(JdbcAdvice.ExecuteSql.class))
                        .advice(named("addBatch").and(takesArguments(String.class)), ENTER, exit(JdbcAdvice.AddBatchSql.class))
                        .advice(named("executeQuery").and(prepared), ENTER, exit(JdbcAdvice.QueryPrepared.class))
                        .advice(UPDATES.and(prepared), ENTER, exit(JdbcAdvice.UpdatePrepared.class))
                        .advice(named("execute").and(prepared), ENTER, exit(JdbcAdvice.ExecutePrepared.class))
                        .advice(namedOneOf("executeBatch", "executeLargeBatch").and(prepared), ENTER,
                                exit(JdbcAdvice.ExecuteBatch.class))
                        .advice(named("close").and(prepared), exit(JdbcAdvice.Close.class)))
                .type(HIERARCHY.implementing(JdbcHierarchy.CONNECTION))
                .transform(advices.forAdvice() // createStatement only remembers what it returns
                        .advice(namedOneOf("prepareStatement", "prepareCall").and(withSql).and(not(isAbstract())),
                                ENTER, JdbcAdvice.Prepare.class.getName())
                        .advice(named("createStatement").and(not(isAbstract())), JdbcAdvice.CreateStatement.class.getName()))
                .type(HIERARCHY.implementing(JdbcHierarchy.DRIVER))
                .transform(advices.sink(named("connect").and(takesArguments(2)).and(withSql).and(not(isAbstract())),
                        JdbcAdvice.Connect.class));
    }

    private static final ElementMatcher.Junction<MethodDescription> UPDATES =
            namedOneOf("executeUpdate", "executeLargeUpdate");

    private static String exit(Class<?> advice) {
        return advice.getName();
    }
}
