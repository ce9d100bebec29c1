package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestBridge;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hook;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.MethodMatcher;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.jdbc.JdbcModule;
import dev.sinkwatch.contract.SinkAttributes;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.constant;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.notAbstract;
import static dev.sinkwatch.agent.sink.Methods.namedOneOf;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

/**
 * Opt-in blocking ({@code sinkwatch.block}): an entry hook, before the sink runs, asks {@link RequestBridge#guard}
 * (through {@code RequestBridge.block}) and throws what it returns. Woven only for the rules listed, at the points where the whole target is known before
 * anything happens: SQL text given to a statement or to {@code prepareStatement/prepareCall} (a prepared statement
 * is stopped before it exists), {@code ProcessBuilder.start}, the JDK's file opens, socket connects, and
 * {@code InitialContext.lookup}.
 *
 * <p>These hooks deliberately let through what the bridge throws: the {@code SecurityException} is the point. The
 * bridge throws nothing else, so nothing else reaches the application.
 */
public final class BlockModule {

    private final Set<String> rules;

    /** @param rules the rules listed in {@code sinkwatch.block} */
    public BlockModule(Set<String> rules) {
        this.rules = rules;
    }

    /** The types matched by name (the early filter must let them through). */
    public Set<String> typeNames() {
        Set<String> names = new HashSet<>();
        if (rules.contains(SinkAttributes.RULE_SHELL_INJECTION)) {
            names.add("java.lang.ProcessBuilder");
        }
        if (rules.contains(SinkAttributes.RULE_FILE_TRAVERSAL)) {
            names.addAll(Arrays.asList("java.io.FileInputStream", "java.io.FileOutputStream",
                    "java.io.RandomAccessFile", "sun.nio.fs.UnixFileSystemProvider"));
        }
        if (rules.contains(SinkAttributes.RULE_NET_SSRF)) {
            names.addAll(Arrays.asList("java.net.Socket", "sun.nio.ch.SocketChannelImpl"));
        }
        if (rules.contains(SinkAttributes.RULE_JNDI_INJECTION)) {
            names.add("javax.naming.InitialContext");
        }
        return names;
    }

    /** Adds the guards of the listed rules. */
    public Weaving instrument(Weaving builder, Hooks hooks) {
        if (rules.contains(SinkAttributes.RULE_SQL_INJECTION)) {
            MethodMatcher withSql = takesArgument(0, String.class).and(notAbstract());
            builder = builder.type(JdbcModule.statements())
                    .transform(hooks.methods()
                            .on(named("executeQuery").and(withSql), guard(Ops.JDBC_QUERY))
                            .on(namedOneOf("executeUpdate", "executeLargeUpdate").and(withSql), guard(Ops.JDBC_UPDATE))
                            .on(named("execute").and(withSql), guard(Ops.JDBC_EXECUTE))
                            .on(named("addBatch").and(withSql), guard(Ops.JDBC_BATCH)))
                    .type(JdbcModule.connections()) // a prepared statement is stopped before it exists
                    .transform(hooks.methods().on(namedOneOf("prepareStatement", "prepareCall").and(withSql),
                            guard(Ops.JDBC_EXECUTE)));
        }
        if (rules.contains(SinkAttributes.RULE_SHELL_INJECTION)) {
            builder = builder.typeNamed("java.lang.ProcessBuilder")
                    .transform(hooks.methods().on(named("start").and(takesArguments(0)),
                            Hook.atEntry(BridgeCall.of(RequestBridge.class, "blockProcess", SELF))));
        }
        if (rules.contains(SinkAttributes.RULE_FILE_TRAVERSAL)) { // by path text or Path
            builder = builder.typeNamed("java.io.FileInputStream", "java.io.FileOutputStream",
                            "java.io.RandomAccessFile")
                    .transform(hooks.methods().on(named("open").and(takesArgument(0, String.class)),
                            guard(Ops.FILE_READ)))
                    .typeNamed("sun.nio.fs.UnixFileSystemProvider")
                    .transform(hooks.methods().on(namedOneOf("newByteChannel", "newFileChannel")
                            .and(takesArguments(3)), guard(Ops.FILE_READ)));
        }
        if (rules.contains(SinkAttributes.RULE_NET_SSRF)) {
            Hook connect = Hook.atEntry(BridgeCall.of(RequestBridge.class, "blockConnect", argument(0)));
            builder = builder.typeNamed("java.net.Socket")
                    .transform(hooks.methods().on(named("connect").and(takesArguments(2)), connect))
                    .typeNamed("sun.nio.ch.SocketChannelImpl")
                    .transform(hooks.methods().on(named("connect").and(takesArguments(1)), connect));
        }
        if (rules.contains(SinkAttributes.RULE_JNDI_INJECTION)) {
            builder = builder.typeNamed("javax.naming.InitialContext")
                    .transform(hooks.methods().on(named("lookup").and(takesArguments(1)), guard(Ops.JNDI_LOOKUP)));
        }
        return builder;
    }

    /** The guard of a sink whose target is its first argument, judged as text. */
    private static Hook guard(int operation) {
        return Hook.atEntry(BridgeCall.of(RequestBridge.class, "block", constant(operation), argument(0)));
    }
}
