package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.SinkModule;
import net.bytebuddy.agent.builder.AgentBuilder;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * JDBC: every implementation of {@code Statement}, {@code Connection} and {@code Driver} (drivers, pools, proxies).
 */
public final class JdbcModule implements SinkModule {
    private final JdbcTargets targets;

    public JdbcModule(boolean captureRaw) {
        this.targets = new JdbcTargets(captureRaw);
    }

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public void register(Recorder recorder) {
        recorder.register(targets, Ops.JDBC_QUERY, Ops.JDBC_UPDATE, Ops.JDBC_EXECUTE, Ops.JDBC_BATCH, Ops.JDBC_CONNECT);
        recorder.jdbcListener(targets);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder
                .type(not(isInterface()).and(hasSuperType(named("java.sql.Statement"))))
                .transform(advices.forAdvice()
                        .advice(named("executeQuery").and(takesArgument(0, String.class)), JdbcAdvice.QuerySql.class.getName())
                        .advice(namedOneOf("executeUpdate", "executeLargeUpdate").and(takesArgument(0, String.class)),
                                JdbcAdvice.UpdateSql.class.getName())
                        .advice(named("execute").and(takesArgument(0, String.class)), JdbcAdvice.ExecuteSql.class.getName())
                        .advice(named("addBatch").and(takesArguments(String.class)), JdbcAdvice.AddBatchSql.class.getName())
                        .advice(named("executeQuery").and(takesArguments(0)).and(not(isAbstract())),
                                JdbcAdvice.QueryPrepared.class.getName())
                        .advice(namedOneOf("executeUpdate", "executeLargeUpdate").and(takesArguments(0)).and(not(isAbstract())),
                                JdbcAdvice.UpdatePrepared.class.getName())
                        .advice(named("execute").and(takesArguments(0)).and(not(isAbstract())),
                                JdbcAdvice.ExecutePrepared.class.getName())
                        .advice(namedOneOf("executeBatch", "executeLargeBatch").and(takesArguments(0)).and(not(isAbstract())),
                                JdbcAdvice.ExecuteBatch.class.getName()))
                .type(not(isInterface()).and(hasSuperType(named("java.sql.Connection"))))
                .transform(advices.forAdvice()
                        .advice(namedOneOf("prepareStatement", "prepareCall").and(takesArgument(0, String.class))
                                .and(not(isAbstract())), JdbcAdvice.Prepare.class.getName())
                        .advice(named("createStatement").and(not(isAbstract())), JdbcAdvice.CreateStatement.class.getName()))
                .type(not(isInterface()).and(hasSuperType(named("java.sql.Driver"))))
                .transform(advices.forAdvice()
                        .advice(named("connect").and(takesArguments(2)).and(takesArgument(0, String.class))
                                .and(not(isAbstract())), JdbcAdvice.Connect.class.getName()));
    }
}
