package dev.sinkwatch.agent.sink.file;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.io.File;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static dev.sinkwatch.agent.sink.Signatures.takesArgument;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

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
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder
                .type(named(INPUT_STREAM))
                .transform(advices.sink(named("open").and(takesArguments(String.class)), FileAdvice.Read.class))
                .type(named(OUTPUT_STREAM))
                .transform(advices.sink(named("open").and(takesArguments(String.class, boolean.class)), FileAdvice.Write.class))
                .type(named(RANDOM_ACCESS))
                .transform(advices.sink(named("open").and(takesArguments(String.class, int.class)), FileAdvice.RandomAccess.class))
                .type(named(UNIX_PROVIDER))
                .transform(advices.forAdvice()
                        .advice(namedOneOf("newByteChannel", "newFileChannel").and(takesArguments(3)), Advices.ENTER,
                                FileAdvice.Channel.class.getName())
                        .advice(named("implDelete").and(takesArguments(2)), Advices.ENTER,
                                FileAdvice.Delete.class.getName())
                        .advice(named("copy").and(takesArguments(3)), Advices.ENTER,
                                FileAdvice.Copy.class.getName())
                        .advice(named("move").and(takesArguments(3)), Advices.ENTER,
                                FileAdvice.Move.class.getName())
                        .advice(named("newDirectoryStream").and(takesArguments(2)), Advices.ENTER,
                                FileAdvice.List.class.getName())
                        .advice(named("createDirectory").and(takesArguments(2)), Advices.ENTER,
                                FileAdvice.Mkdir.class.getName())
                        .advice(namedOneOf("checkAccess", "exists", "readAttributes", "readAttributesIfExists")
                                .and(takesArgument(0, named("java.nio.file.Path"))),
                                FileAdvice.PathProbe.class.getName()))
                .type(named(FILE))
                .transform(advices.forAdvice()
                        .advice(named("delete").and(takesArguments(0)), Advices.ENTER,
                                FileAdvice.FileDelete.class.getName())
                        .advice(named("renameTo").and(takesArgument(0, File.class)), Advices.ENTER,
                                FileAdvice.FileRename.class.getName())
                        .advice(named("list").and(takesArguments(0)), Advices.ENTER,
                                FileAdvice.FileList.class.getName())
                        .advice(named("mkdir").and(takesArguments(0)), Advices.ENTER,
                                FileAdvice.FileMkdir.class.getName())
                        .advice(namedOneOf("exists", "isFile", "isDirectory", "length", "getCanonicalPath")
                                .and(takesArguments(0)), FileAdvice.Probe.class.getName()));
    }
}
