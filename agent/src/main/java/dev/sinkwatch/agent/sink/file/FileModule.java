package dev.sinkwatch.agent.sink.file;

import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.PathFolder;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.SinkModule;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.io.File;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Files: the private {@code open} methods every java.io stream and {@code RandomAccessFile} goes through, the
 * JDK's Unix file system provider behind all of {@code java.nio.file.Files} and {@code FileChannel.open}, and the
 * {@code java.io.File} methods that change or list the file system. Probes ({@code File.exists}, {@code isFile},
 * {@code isDirectory}, {@code length}, {@code getCanonicalPath}, and the provider's {@code checkAccess},
 * {@code exists}, {@code readAttributes} behind {@code Files.exists}, {@code isRegularFile}, {@code size}) are
 * recorded as {@code probe} only where a request input reaches the path (see {@code SinkBridge.probe}).
 */
public final class FileModule implements SinkModule, TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.FILE.wireName(), 20_000);

    @Override
    public String kind() {
        return SinkKind.FILE.wireName();
    }

    @Override
    public void register(Recorder recorder) {
        recorder.register(this, Ops.FILE_READ, Ops.FILE_WRITE, Ops.FILE_DELETE, Ops.FILE_RENAME, Ops.FILE_COPY,
                Ops.FILE_LIST, Ops.FILE_MKDIR, Ops.FILE_PROBE);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder
                .type(named("java.io.FileInputStream"))
                .transform(advices.sink(named("open").and(takesArguments(String.class)), FileAdvice.Read.class))
                .type(named("java.io.FileOutputStream"))
                .transform(advices.sink(named("open").and(takesArguments(String.class, boolean.class)), FileAdvice.Write.class))
                .type(named("java.io.RandomAccessFile"))
                .transform(advices.sink(named("open").and(takesArguments(String.class, int.class)), FileAdvice.RandomAccess.class))
                .type(named("sun.nio.fs.UnixFileSystemProvider"))
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
                                .and(takesArgument(0, named("java.nio.file.Path"))), FileAdvice.PathProbe.class.getName()))
                .type(named("java.io.File"))
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

    private static String path(Object target) {
        if (target instanceof String) {
            return (String) target;
        }
        if (target instanceof File) {
            return ((File) target).getPath();
        }
        return target.toString(); // java.nio.file.Path: UnixPath caches its string
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        String raw = path(target);
        return table.intern(PathFolder.foldCached(raw), PathFolder.hasTraversal(raw));
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        into.put(SinkAttributes.FILE_PATH, resolved.text());
        if (resolved.traversal()) {
            into.put(SinkAttributes.PATH_TRAVERSAL, Boolean.TRUE);
        }
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return path(target);
    }
}
