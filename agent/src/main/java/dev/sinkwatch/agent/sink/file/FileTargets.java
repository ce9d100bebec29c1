package dev.sinkwatch.agent.sink.file;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.PathFolder;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;

import java.io.File;
import java.util.Map;

/** Resolves file targets: a path (string, {@code File} or {@code Path}) to its folded form, traversal flagged. */
final class FileTargets implements TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.FILE.wireName(), 20_000);

    @Override
    public String kind() {
        return SinkKind.FILE.wireName();
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
