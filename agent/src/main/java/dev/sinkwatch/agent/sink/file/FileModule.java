package dev.sinkwatch.agent.sink.file;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hook;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.io.File;
import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.NULL;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.STATE;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.THROWN;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.constant;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.namedOneOf;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

/**
 * Files: the private {@code open} methods every java.io stream and {@code RandomAccessFile} goes through, the
 * JDK's Unix file system provider behind all of {@code java.nio.file.Files} and {@code FileChannel.open}, and the
 * {@code java.io.File} methods that change or list the file system. Probes ({@code File.exists}, {@code isFile},
 * {@code isDirectory}, {@code length}, {@code getCanonicalPath}, and the provider's {@code checkAccess},
 * {@code exists}, {@code readAttributes} behind {@code Files.exists}, {@code isRegularFile}, {@code size}) are
 * recorded as {@code probe} only where a request input reaches the path (see {@code SinkBridge.probe}). Targets:
 * {@link FileTargets}.
 */
public final class FileModule implements SinkModule<FileTargets> {
    private static final String INPUT_STREAM = "java.io.FileInputStream";
    private static final String OUTPUT_STREAM = "java.io.FileOutputStream";
    private static final String RANDOM_ACCESS = "java.io.RandomAccessFile";
    private static final String UNIX_PROVIDER = "sun.nio.fs.UnixFileSystemProvider";
    private static final String FILE = "java.io.File";

    @Override
    public SinkKind kind() {
        return SinkKind.FILE;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(INPUT_STREAM, OUTPUT_STREAM, RANDOM_ACCESS, UNIX_PROVIDER, FILE);
    }

    @Override
    public FileTargets newResolver(AgentConfig config) {
        return new FileTargets();
    }

    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder
                .typeNamed(INPUT_STREAM)
                .transform(hooks.sink(named("open").and(takesArguments(String.class)), Ops.FILE_READ, argument(0), NULL))
                .typeNamed(OUTPUT_STREAM)
                .transform(hooks.sink(named("open").and(takesArguments(String.class, boolean.class)), Ops.FILE_WRITE,
                        argument(0), NULL))
                .typeNamed(RANDOM_ACCESS)
                .transform(hooks.methods().on(named("open").and(takesArguments(String.class, int.class)),
                        hooks.sink(BridgeCall.of(SinkBridge.class, "exitRandomAccess", STATE, argument(0), argument(1),
                                THROWN))))
                .typeNamed(UNIX_PROVIDER)
                .transform(hooks.methods()
                        .on(namedOneOf("newByteChannel", "newFileChannel").and(takesArguments(3)),
                                hooks.sink(BridgeCall.of(SinkBridge.class, "exitChannel", STATE, argument(0),
                                        argument(1), THROWN)))
                        .on(named("implDelete").and(takesArguments(2)), hooks.sink(Ops.FILE_DELETE, argument(0), NULL))
                        .on(named("copy").and(takesArguments(3)), hooks.sink(Ops.FILE_COPY, argument(0), NULL))
                        .on(named("move").and(takesArguments(3)), hooks.sink(Ops.FILE_RENAME, argument(0), NULL))
                        .on(named("newDirectoryStream").and(takesArguments(2)),
                                hooks.sink(Ops.FILE_LIST, argument(0), NULL))
                        .on(named("createDirectory").and(takesArguments(2)),
                                hooks.sink(Ops.FILE_MKDIR, argument(0), NULL))
                        .on(namedOneOf("checkAccess", "exists", "readAttributes", "readAttributesIfExists")
                                .and(takesArgument(0, "java.nio.file.Path")), probe(argument(0))))
                .typeNamed(FILE) // java.io.File methods that act on the file itself: the file is this
                .transform(hooks.methods()
                        .on(named("delete").and(takesArguments(0)), hooks.sink(Ops.FILE_DELETE, SELF, NULL))
                        .on(named("renameTo").and(takesArgument(0, File.class)), hooks.sink(Ops.FILE_RENAME, SELF, NULL))
                        .on(named("list").and(takesArguments(0)), hooks.sink(Ops.FILE_LIST, SELF, NULL))
                        .on(named("mkdir").and(takesArguments(0)), hooks.sink(Ops.FILE_MKDIR, SELF, NULL))
                        .on(namedOneOf("exists", "isFile", "isDirectory", "length", "getCanonicalPath")
                                .and(takesArguments(0)), probe(SELF)));
    }

    /**
     * A probe: no entry, as probes are too frequent to time; the bridge keeps only those on request threads, and the
     * recorder only those a request input reaches.
     */
    private static Hook probe(BridgeCall.Value path) {
        return Hook.atExit(BridgeCall.of(SinkBridge.class, "probe", constant(Ops.FILE_PROBE), path));
    }
}
