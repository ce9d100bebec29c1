package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.agent.bootstrap.JdbcBridge;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hook;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.MethodMatcher;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.HierarchyGate;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.util.Collections;
import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.NULL;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.RETURNED;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.STATE;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.THROWN;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.notAbstract;
import static dev.sinkwatch.agent.sink.Methods.namedOneOf;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

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
    public Weaving instrument(Weaving builder, Hooks hooks) {
        // Statements executed with SQL text pass it; prepared statements pass themselves, and the recorder finds the
        // SQL remembered at prepare time. Only the outermost call is recorded, so a pool's proxy and the driver
        // beneath it count once.
        MethodMatcher withSql = takesArgument(0, String.class);
        MethodMatcher prepared = takesArguments(0).and(notAbstract());
        return builder
                .type(HIERARCHY.implementing(JdbcHierarchy.STATEMENT))
                .transform(hooks.methods()
                        .on(named("executeQuery").and(withSql), hooks.sink(Ops.JDBC_QUERY, argument(0), SELF))
                        .on(UPDATES.and(withSql), hooks.sink(Ops.JDBC_UPDATE, argument(0), SELF))
                        .on(named("execute").and(withSql), hooks.sink(Ops.JDBC_EXECUTE, argument(0), SELF))
                        // addBatch(String): counted as a batch call of that SQL
                        .on(named("addBatch").and(takesArguments(String.class)),
                                hooks.sink(Ops.JDBC_BATCH, argument(0), SELF))
                        .on(named("executeQuery").and(prepared), hooks.sink(Ops.JDBC_QUERY, SELF, NULL))
                        .on(UPDATES.and(prepared), hooks.sink(Ops.JDBC_UPDATE, SELF, NULL))
                        .on(named("execute").and(prepared), hooks.sink(Ops.JDBC_EXECUTE, SELF, NULL))
                        // executeBatch(): the prepared SQL when there is one (plain statements report each addBatch)
                        .on(namedOneOf("executeBatch", "executeLargeBatch").and(prepared),
                                hooks.sink(Ops.JDBC_BATCH, SELF, NULL))
                        // close(): what the agent remembers of the statement need not outlive its thread's ring
                        .on(named("close").and(prepared),
                                Hook.atExit(BridgeCall.of(JdbcBridge.class, "statementClosed", SELF))))
                .type(HIERARCHY.implementing(JdbcHierarchy.CONNECTION))
                .transform(hooks.methods()
                        .on(namedOneOf("prepareStatement", "prepareCall").and(withSql).and(notAbstract()),
                                hooks.sink(BridgeCall.of(JdbcBridge.class, "prepared", STATE, SELF, argument(0),
                                        RETURNED, THROWN)))
                        // createStatement only remembers what it returns
                        .on(named("createStatement").and(notAbstract()), Hook.atExit(BridgeCall.of(
                                JdbcBridge.class, "statementCreated", SELF, RETURNED, NULL))))
                .type(HIERARCHY.implementing(JdbcHierarchy.DRIVER))
                .transform(hooks.methods()
                        .on(named("connect").and(takesArguments(2)).and(withSql).and(notAbstract()),
                                hooks.sink(BridgeCall.of(JdbcBridge.class, "connected", STATE, argument(0), RETURNED,
                                        THROWN))));
    }

    private static final MethodMatcher UPDATES =
            namedOneOf("executeUpdate", "executeLargeUpdate");
}
