package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestBridge;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.AdviceSet;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.jdbc.JdbcModule;
import dev.sinkwatch.contract.SinkAttributes;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static dev.sinkwatch.agent.sink.Signatures.takesArgument;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

/**
 * Opt-in blocking ({@code sinkwatch.block}): an entry advice, before the sink runs, asks {@link RequestBridge#guard}
 * and throws what it returns. Woven only for the rules listed, at the points where the whole target is known before
 * anything happens: SQL text given to a statement or to {@code prepareStatement/prepareCall} (a prepared statement
 * is stopped before it exists), {@code ProcessBuilder.start}, the JDK's file opens, socket connects, and
 * {@code InitialContext.lookup}.
 *
 * <p>These advices deliberately do not suppress what they throw: the {@code SecurityException} is the point. The
 * bridge itself never throws, so nothing else reaches the application.
 */
public final class BlockModule {

    private final Set<String> rules;

    /** @param rules the rules listed in {@code sinkwatch.block} */
    public BlockModule(Set<String> rules) {
        this.rules = rules;
    }

    /** {@code executeQuery(String)}. */
    public static final class SqlQuery {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) String sql) {
            RuntimeException blocked = RequestBridge.guard(Ops.JDBC_QUERY, sql, sql);
            if (blocked != null) {
                throw blocked;
            }
        }
    }

    /** {@code executeUpdate(String, ...)}, {@code executeLargeUpdate(String, ...)}. */
    public static final class SqlUpdate {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) String sql) {
            RuntimeException blocked = RequestBridge.guard(Ops.JDBC_UPDATE, sql, sql);
            if (blocked != null) {
                throw blocked;
            }
        }
    }

    /** {@code execute(String, ...)}; also {@code prepareStatement/prepareCall}, recorded as an execute. */
    public static final class SqlExecute {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) String sql) {
            RuntimeException blocked = RequestBridge.guard(Ops.JDBC_EXECUTE, sql, sql);
            if (blocked != null) {
                throw blocked;
            }
        }
    }

    /** {@code addBatch(String)}. */
    public static final class SqlBatch {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) String sql) {
            RuntimeException blocked = RequestBridge.guard(Ops.JDBC_BATCH, sql, sql);
            if (blocked != null) {
                throw blocked;
            }
        }
    }

    public static final class Process {
        @Advice.OnMethodEnter
        public static void enter(@Advice.This ProcessBuilder builder) {
            RuntimeException blocked = RequestBridge.guard(Ops.PROCESS_EXEC, builder.command(), null);
            if (blocked != null) {
                throw blocked;
            }
        }
    }

    /** A file open by path text ({@code FileInputStream.open(String)}) or {@code Path}. */
    public static final class FileOpen {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) Object path) {
            RuntimeException blocked = RequestBridge.guard(Ops.FILE_READ, path, path == null ? null : path.toString());
            if (blocked != null) {
                throw blocked;
            }
        }
    }

    public static final class Connect {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) Object address) {
            RuntimeException blocked = RequestBridge.guard(Ops.NET_CONNECT, address, null);
            if (blocked != null) {
                throw blocked;
            }
        }
    }

    public static final class Lookup {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) Object name) {
            RuntimeException blocked = RequestBridge.guard(Ops.JNDI_LOOKUP, name, name == null ? null : name.toString());
            if (blocked != null) {
                throw blocked;
            }
        }
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
    public Weaving instrument(Weaving builder, Advices advices) {
        AdviceSet guard = advices.forAdvice()
                .withExceptionHandler(Advice.ExceptionHandler.Default.RETHROWING);
        if (rules.contains(SinkAttributes.RULE_SQL_INJECTION)) {
            ElementMatcher.Junction<MethodDescription> withSql = takesArgument(0, String.class).and(not(isAbstract()));
            builder = builder.type(JdbcModule.statements())
                    .transform(guard
                            .advice(named("executeQuery").and(withSql), SqlQuery.class.getName())
                            .advice(namedOneOf("executeUpdate", "executeLargeUpdate").and(withSql),
                                    SqlUpdate.class.getName())
                            .advice(named("execute").and(withSql), SqlExecute.class.getName())
                            .advice(named("addBatch").and(withSql), SqlBatch.class.getName()))
                    .type(JdbcModule.connections())
                    .transform(guard.advice(namedOneOf("prepareStatement", "prepareCall").and(withSql),
                            SqlExecute.class.getName()));
        }
        if (rules.contains(SinkAttributes.RULE_SHELL_INJECTION)) {
            builder = builder.type(named("java.lang.ProcessBuilder"))
                    .transform(guard.advice(named("start").and(takesArguments(0)), Process.class.getName()));
        }
        if (rules.contains(SinkAttributes.RULE_FILE_TRAVERSAL)) {
            builder = builder.type(namedOneOf("java.io.FileInputStream", "java.io.FileOutputStream",
                            "java.io.RandomAccessFile"))
                    .transform(guard.advice(named("open").and(takesArgument(0, String.class)),
                            FileOpen.class.getName()))
                    .type(named("sun.nio.fs.UnixFileSystemProvider"))
                    .transform(guard.advice(namedOneOf("newByteChannel", "newFileChannel").and(takesArguments(3)),
                            FileOpen.class.getName()));
        }
        if (rules.contains(SinkAttributes.RULE_NET_SSRF)) {
            builder = builder.type(named("java.net.Socket"))
                    .transform(guard.advice(named("connect").and(takesArguments(2)), Connect.class.getName()))
                    .type(named("sun.nio.ch.SocketChannelImpl"))
                    .transform(guard.advice(named("connect").and(takesArguments(1)), Connect.class.getName()));
        }
        if (rules.contains(SinkAttributes.RULE_JNDI_INJECTION)) {
            builder = builder.type(named("javax.naming.InitialContext"))
                    .transform(guard.advice(named("lookup").and(takesArguments(1)), Lookup.class.getName()));
        }
        return builder;
    }
}
