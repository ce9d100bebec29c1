package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.SinkModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static dev.sinkwatch.agent.sink.Advices.ENTER;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * JDBC: every concrete implementation of {@code Statement}, {@code Connection} and {@code Driver} (drivers, pools,
 * wrappers), found through {@link JdbcHierarchy}.
 */
public final class JdbcModule implements SinkModule {
    /** Shared by the three matchers: one class's supertypes are looked up once, not three times. */
    private static final JdbcHierarchy HIERARCHY = new JdbcHierarchy();

    /** Concrete JDBC statements (for other modules weaving the same classes, the blocking guard). */
    public static AgentBuilder.RawMatcher statements() {
        return HIERARCHY.implementing(JdbcHierarchy.STATEMENT);
    }

    /** Concrete JDBC connections. */
    public static AgentBuilder.RawMatcher connections() {
        return HIERARCHY.implementing(JdbcHierarchy.CONNECTION);
    }
    private final JdbcTargets targets;

    public JdbcModule(boolean captureRaw) {
        this.targets = new JdbcTargets(captureRaw);
    }

    @Override
    public String kind() {
        return SinkKind.JDBC.wireName();
    }

    @Override
    public void register(Recorder recorder) {
        recorder.register(targets, Ops.JDBC_QUERY, Ops.JDBC_UPDATE, Ops.JDBC_EXECUTE, Ops.JDBC_BATCH, Ops.JDBC_CONNECT);
        recorder.jdbcListener(targets);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
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
                                exit(JdbcAdvice.ExecuteBatch.class)))
                .type(HIERARCHY.implementing(JdbcHierarchy.CONNECTION))
                .transform(advices.forAdvice() // no entry advice: these only remember what they return
                        .advice(namedOneOf("prepareStatement", "prepareCall").and(withSql).and(not(isAbstract())),
                                JdbcAdvice.Prepare.class.getName())
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
