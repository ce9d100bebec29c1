package dev.sinkwatch.agent.sink.file;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import net.bytebuddy.asm.Advice;

import java.nio.file.StandardOpenOption;
import java.util.Set;

/** File advice, inlined into java.io and the JDK's file system provider. */
public final class FileAdvice {
    private FileAdvice() {
    }

    /** {@code FileInputStream.open(String)}: every FileInputStream and FileReader. */
    public static final class Read {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object path, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_READ, path, null, error);
        }
    }

    /** {@code FileOutputStream.open(String, boolean)}: every FileOutputStream and FileWriter. */
    public static final class Write {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object path, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_WRITE, path, null, error);
        }
    }

    /** {@code RandomAccessFile.open(String, int mode)}: mode bit 2 is read-write. */
    public static final class RandomAccess {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object path, @Advice.Argument(1) int mode,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, (mode & 2) != 0 ? Ops.FILE_WRITE : Ops.FILE_READ, path, null, error);
        }
    }

    /** The provider's {@code newByteChannel}/{@code newFileChannel}: all of {@code Files} and {@code FileChannel.open}. */
    public static final class Channel {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object path, @Advice.Argument(1) Set<?> options,
                                @Advice.Thrown Throwable error) {
            boolean write = options != null && (options.contains(StandardOpenOption.WRITE)
                    || options.contains(StandardOpenOption.APPEND));
            SinkBridge.exit(s, write ? Ops.FILE_WRITE : Ops.FILE_READ, path, null, error);
        }
    }

    public static final class Delete {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object path, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_DELETE, path, null, error);
        }
    }

    public static final class Copy {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object source, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_COPY, source, null, error);
        }
    }

    public static final class Move {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object source, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_RENAME, source, null, error);
        }
    }

    public static final class List {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object dir, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_LIST, dir, null, error);
        }
    }

    public static final class Mkdir {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object dir, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_MKDIR, dir, null, error);
        }
    }

    /** {@code java.io.File} methods that act on the file itself: the file is {@code this}. */
    public static final class FileDelete {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object file,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_DELETE, file, null, error);
        }
    }

    public static final class FileRename {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object file,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_RENAME, file, null, error);
        }
    }

    public static final class FileList {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object file,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_LIST, file, null, error);
        }
    }

    public static final class FileMkdir {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object file,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.FILE_MKDIR, file, null, error);
        }
    }

    /**
     * {@code File.exists}, {@code isFile}, {@code isDirectory}, {@code length}, {@code getCanonicalPath} and the
     * provider's {@code checkAccess}/{@code exists}/{@code readAttributes} (behind {@code Files.exists},
     * {@code isRegularFile}, {@code size}, ...): no entry advice, as probes are too frequent to time; the bridge
     * keeps only those on request threads, and the recorder only those a request input reaches.
     */
    public static final class Probe {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object file) {
            SinkBridge.probe(Ops.FILE_PROBE, file);
        }
    }

    /** The provider's probes: the path is argument 0. */
    public static final class PathProbe {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object path) {
            SinkBridge.probe(Ops.FILE_PROBE, path);
        }
    }
}
